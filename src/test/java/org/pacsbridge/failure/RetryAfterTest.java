package org.pacsbridge.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-01-05T08:00:00Z");

    @Test
    void secondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Mon, 05 Jan 2026 08:00:30 GMT", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("   ", NOW));
    }

    @Test
    void aDateInThePastAsksForNoWait() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Mon, 05 Jan 2026 07:00:00 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 01 Jan 1970 00:00:00 GMT", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"86401", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
            "Fri, 31 Dec 9999 23:59:59 GMT", "Tue, 06 Jan 2026 08:00:01 GMT"})
    void hugeWaitsAreCappedAtTheLongest(String value) {
        assertEquals(Optional.of(RetryAfter.LONGEST), RetryAfter.parse(value, NOW), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "+5", "1.5", "1e9", "0x10", "5 s", "soon", "\u0663\u0660", "\uFF13",
            "Mon, 32 Jan 2026 08:00:00 GMT", "2026-01-05T09:00:00Z", "\u0000", "7\r\nSet-Cookie: x=1"})
    void anythingElseIsIgnored(String value) {
        assertEquals(Optional.empty(), RetryAfter.parse(value, NOW), value);
    }

    @Test
    void aHeaderOfThousandsOfDigitsIsIgnoredWithoutParsingIt() {
        assertEquals(Optional.empty(), RetryAfter.parse("9".repeat(100_000), NOW));
    }

    @Test
    void everyResultIsBetweenZeroAndTheLongest() {
        for (String value : new String[] {"0", "1", "86400", "123456789012345678", "Sat, 01 Jan 2000 00:00:00 GMT"}) {
            Duration d = RetryAfter.parse(value, NOW).orElseThrow();
            assertTrue(!d.isNegative() && d.compareTo(RetryAfter.LONGEST) <= 0, value + " -> " + d);
        }
    }
}
