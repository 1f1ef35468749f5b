package org.pacsbridge.failure;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110 10.2.3): whole seconds or an HTTP date. Whatever
 * the server sends, the result is empty or a duration in {@code [0, LONGEST]}.
 */
public final class RetryAfter {

    /** Every wait read is at most this long; callers compare against their own, shorter limits. */
    public static final Duration LONGEST = Duration.ofDays(1);

    /** Longer values are not a delay nor a date. */
    private static final int MAX_LENGTH = 64;

    private RetryAfter() {
    }

    /**
     * @param value the header's value, or {@code null}
     * @param now   the moment a date is measured from
     * @return the wait asked for (a date in the past gives zero), or empty when absent or unreadable
     *         (negative numbers, signs, fractions, non-ASCII digits, anything else)
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (asciiDigits(v)) {
            // more than 18 digits cannot be a long; every such value is past LONGEST anyway
            long seconds = v.length() > 18 ? Long.MAX_VALUE : Long.parseLong(v);
            return Optional.of(seconds >= LONGEST.toSeconds() ? LONGEST : Duration.ofSeconds(seconds));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            if (!at.isAfter(now)) {
                return Optional.of(Duration.ZERO);
            }
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.compareTo(LONGEST) > 0 ? LONGEST : wait);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static boolean asciiDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
