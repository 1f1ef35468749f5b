package org.pacsbridge.failure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The wait between attempts of a call: after failed attempt {@code n},
 * {@code min(max, initial * 2^(n-1))} shortened by a random share of at most {@code jitter}
 * ("partial jitter": {@code 1} is full jitter, {@code 0} none).
 *
 * <p>A server's {@code Retry-After} may lengthen that wait, never shorten it (a hostile or confused
 * server asking for 0 does not get a hammering); a server asking for more than {@code max} gets no
 * further attempt from this call: the caller gives up the call and the work waits elsewhere.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, double jitter) {
        this(initial, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in {@code [0, 1)}; the source of the jitter */
    public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
        }
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The wait after failed attempt {@code failedAttempt} (1-based), in {@code [0, max]}. */
    public Duration after(int failedAttempt) {
        double base = initial.toNanos() * Math.pow(2, Math.min(Math.max(failedAttempt, 1) - 1, 62));
        double capped = Math.min(base, max.toNanos());
        double share = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofNanos((long) (capped * (1.0 - jitter * share)));
    }

    /**
     * The wait before the attempt after {@code failedAttempt}, given what the server asked for.
     *
     * @return empty when the server asked for more than {@link #max()}: do not wait in this call
     */
    public Optional<Duration> beforeNextAttempt(int failedAttempt, Optional<Duration> retryAfter) {
        Duration own = after(failedAttempt);
        if (retryAfter.isEmpty()) {
            return Optional.of(own);
        }
        Duration asked = retryAfter.get();
        if (asked.compareTo(max) > 0) {
            return Optional.empty();
        }
        return Optional.of(asked.compareTo(own) > 0 ? asked : own);
    }

    /** The longest wait between attempts, and the longest {@code Retry-After} worth waiting for in a call. */
    public Duration max() {
        return max;
    }
}
