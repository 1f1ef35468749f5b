package org.pacsbridge.ops.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} wrong passwords in a row from one
 * address, that address must wait before the next try, twice as long after each further failure
 * (up to {@link #MAX_WAIT}). A correct password clears the record. Shared by the console port and
 * the HTTP port's operator endpoints ({@code ops.http}).
 */
public final class LoginThrottle {

    public static final int FREE_FAILURES = 5;
    public static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration MAX_WAIT = Duration.ofMinutes(5);
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant blockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the address must still wait; zero when it may try now. */
    public Duration waitFor(String address) {
        Failures record = failures.get(address);
        if (record == null || record.blockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), record.blockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void failed(String address) {
        if (failures.size() >= MAX_TRACKED) {
            failures.clear();
        }
        failures.compute(address, (key, old) -> {
            int count = old == null ? 1 : old.count() + 1;
            Instant until = null;
            if (count >= FREE_FAILURES) {
                long factor = 1L << Math.min(count - FREE_FAILURES, 20);
                Duration wait = FIRST_WAIT.multipliedBy(factor);
                until = clock.instant().plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
            }
            return new Failures(count, until);
        });
    }

    public void succeeded(String address) {
        failures.remove(address);
    }
}
