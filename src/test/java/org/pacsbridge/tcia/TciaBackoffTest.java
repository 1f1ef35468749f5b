package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TciaBackoffTest {

    @Test
    void doublesUpToTheMaximum() {
        TciaBackoff backoff = new TciaBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60));
        assertEquals(Duration.ofSeconds(10), backoff.after(1));
        assertEquals(Duration.ofSeconds(20), backoff.after(2));
        assertEquals(Duration.ofSeconds(40), backoff.after(3));
        assertEquals(Duration.ofSeconds(60), backoff.after(4));
        assertEquals(Duration.ofSeconds(60), backoff.after(1000));
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        Instant now = Instant.parse("2026-01-05T08:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(7)), TciaBackoff.parseRetryAfter(" 7 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                TciaBackoff.parseRetryAfter("Mon, 05 Jan 2026 08:00:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), TciaBackoff.parseRetryAfter("Mon, 05 Jan 2026 07:00:00 GMT", now));
        assertTrue(TciaBackoff.parseRetryAfter("soon", now).isEmpty());
        assertTrue(TciaBackoff.parseRetryAfter(null, now).isEmpty());
        assertTrue(TciaBackoff.parseRetryAfter("99999999999999999999", now).orElseThrow().toDays() > 365);
    }
}
