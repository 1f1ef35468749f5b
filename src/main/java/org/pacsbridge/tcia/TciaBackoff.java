package org.pacsbridge.tcia;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Waits between attempts: exponential backoff, and the server's {@code Retry-After}. */
final class TciaBackoff {

    private final Duration initial;
    private final Duration max;

    TciaBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** {@code min(max, initial * 2^(attempt-1))} after failed attempt {@code attempt} (1-based). */
    Duration after(int attempt) {
        double nanos = initial.toNanos() * Math.pow(2, Math.min(Math.max(attempt, 1) - 1, 40));
        return Duration.ofNanos((long) Math.min(nanos, max.toNanos()));
    }

    /** The longest wait, and the longest {@code Retry-After} worth waiting for in a call. */
    Duration max() {
        return max;
    }

    /**
     * Reads a {@code Retry-After} value: seconds or an HTTP date (a past date gives zero). Empty when
     * absent or unreadable.
     */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Integer.MAX_VALUE));
            }
        }
        try {
            Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
