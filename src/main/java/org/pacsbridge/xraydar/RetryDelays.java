package org.pacsbridge.xraydar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Waits between attempts: exponential backoff with partial jitter, and {@code Retry-After} parsing. */
final class RetryDelays {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    RetryDelays(XraydarEndpoint endpoint) {
        this(endpoint.initialBackoff(), endpoint.maxBackoff(), endpoint.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryDelays(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    Duration backoff(int attempt) {
        double base = initial.toNanos() * Math.pow(2, Math.min(attempt - 1, 30));
        double capped = Math.min(base, max.toNanos());
        double scaled = capped * (1.0 - jitter * random.getAsDouble());
        return Duration.ofNanos((long) scaled);
    }

    Duration max() {
        return max;
    }

    /**
     * Reads a {@code Retry-After} value: delay in seconds or an HTTP date. A date in the past gives
     * zero; anything unreadable gives empty.
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
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
