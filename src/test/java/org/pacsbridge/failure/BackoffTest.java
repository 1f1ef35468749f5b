package org.pacsbridge.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void doublesUpToTheMaximumWithoutJitter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), MINUTE, 0.0, () -> 0.99);
        assertEquals(Duration.ofSeconds(10), backoff.after(1));
        assertEquals(Duration.ofSeconds(20), backoff.after(2));
        assertEquals(Duration.ofSeconds(40), backoff.after(3));
        assertEquals(MINUTE, backoff.after(4));
        assertEquals(MINUTE, backoff.after(Integer.MAX_VALUE));
        assertEquals(Duration.ofSeconds(10), backoff.after(0));
        assertEquals(Duration.ofSeconds(10), backoff.after(-3));
    }

    @Test
    void jitterShortensByAtMostItsShareAndSpreadsTheWaits() {
        SplittableRandom random = new SplittableRandom(42);
        Backoff backoff = new Backoff(SECOND, MINUTE, 0.5, random::nextDouble);
        Set<Duration> seen = new HashSet<>();
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration ceiling = Duration.ofMillis(Math.min(1000L << (attempt - 1), 60_000));
            for (int i = 0; i < 50; i++) {
                Duration wait = backoff.after(attempt);
                assertTrue(wait.compareTo(ceiling) <= 0 && wait.compareTo(ceiling.dividedBy(2)) >= 0,
                        "attempt " + attempt + ": " + wait);
                seen.add(wait);
            }
        }
        assertTrue(seen.size() > 500, "the waits are spread, not in step: " + seen.size() + " distinct of 600");
    }

    @Test
    void aRandomSourceOutOfRangeStillGivesABoundedWait() {
        for (double r : new double[] {-1.0, 1.0, 7.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            Duration wait = new Backoff(SECOND, MINUTE, 1.0, () -> r).after(3);
            assertTrue(!wait.isNegative() && wait.compareTo(Duration.ofSeconds(4)) <= 0, r + " -> " + wait);
        }
    }

    @Test
    void retryAfterLengthensTheWaitButNeverShortensIt() {
        Backoff backoff = new Backoff(SECOND, MINUTE, 0.0, () -> 0.0);
        assertEquals(Optional.of(Duration.ofSeconds(4)), backoff.beforeNextAttempt(3, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(4)), backoff.beforeNextAttempt(3, Optional.of(Duration.ZERO)));
        assertEquals(Optional.of(Duration.ofSeconds(4)), backoff.beforeNextAttempt(3, Optional.of(Duration.ofSeconds(-9))));
        assertEquals(Optional.of(Duration.ofSeconds(30)), backoff.beforeNextAttempt(3, Optional.of(Duration.ofSeconds(30))));
        assertEquals(Optional.of(MINUTE), backoff.beforeNextAttempt(1, Optional.of(MINUTE)));
    }

    @Test
    void aRetryAfterPastTheMaximumIsNotWaitedFor() {
        Backoff backoff = new Backoff(SECOND, MINUTE, 0.5);
        assertEquals(Optional.empty(), backoff.beforeNextAttempt(1, Optional.of(MINUTE.plusNanos(1))));
        assertEquals(Optional.empty(), backoff.beforeNextAttempt(1, Optional.of(RetryAfter.LONGEST)));
    }

    @Test
    void refusesSettingsThatCannotBeABackoff() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(SECOND, MINUTE, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(SECOND, MINUTE, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(-1), MINUTE, 0));
    }
}
