package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryDelaysTest {

    @Test
    void doublesUpToTheCapWithoutJitter() {
        RetryDelays d = new RetryDelays(Duration.ofMillis(500), Duration.ofSeconds(3), 0.0, () -> 0.99);
        assertEquals(Duration.ofMillis(500), d.backoff(1));
        assertEquals(Duration.ofMillis(1000), d.backoff(2));
        assertEquals(Duration.ofMillis(2000), d.backoff(3));
        assertEquals(Duration.ofSeconds(3), d.backoff(4));
        assertEquals(Duration.ofSeconds(3), d.backoff(60));
    }

    @Test
    void jitterShortensByAtMostItsShare() {
        RetryDelays most = new RetryDelays(Duration.ofMillis(1000), Duration.ofSeconds(30), 0.5, () -> 0.999999);
        RetryDelays least = new RetryDelays(Duration.ofMillis(1000), Duration.ofSeconds(30), 0.5, () -> 0.0);
        assertTrue(most.backoff(1).toMillis() >= 500 && most.backoff(1).toMillis() <= 501);
        assertEquals(Duration.ofMillis(1000), least.backoff(1));
        RetryDelays full = new RetryDelays(Duration.ofMillis(1000), Duration.ofSeconds(30), 1.0, () -> 0.75);
        assertEquals(Duration.ofMillis(250), full.backoff(1));
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");
        assertEquals(Duration.ofSeconds(7), RetryDelays.parseRetryAfter("7", now).orElseThrow());
        assertEquals(Duration.ofSeconds(7), RetryDelays.parseRetryAfter(" 7 ", now).orElseThrow());
        assertEquals(Duration.ofSeconds(90),
                RetryDelays.parseRetryAfter("Sat, 01 Mar 2025 10:01:30 GMT", now).orElseThrow());
        assertEquals(Duration.ZERO, RetryDelays.parseRetryAfter("Sat, 01 Mar 2025 09:00:00 GMT", now).orElseThrow());
        assertTrue(RetryDelays.parseRetryAfter("soon", now).isEmpty());
        assertTrue(RetryDelays.parseRetryAfter("-5", now).isEmpty());
        assertTrue(RetryDelays.parseRetryAfter(null, now).isEmpty());
        assertTrue(RetryDelays.parseRetryAfter("99999999999999999999999", now).orElseThrow().toDays() > 1000);
    }
}
