package org.pacsbridge.xraydar;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Count-based circuit breaker for one endpoint.
 *
 * <p>Closed: attempts pass; {@code failureThreshold} consecutive transient failures open it.
 * Open: attempts are refused until {@code openDuration} has passed. Half-open: exactly one trial
 * attempt passes; its success closes the circuit, its failure opens it again for another
 * {@code openDuration}. Any answer that shows the endpoint is up (including permanent errors such as
 * 400 or 401) counts as a success here: the breaker tracks availability, not correctness.
 *
 * <p>Thread-safe.
 */
public final class CircuitBreaker {

    /** Circuit state, with the gauge value used in metrics. */
    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        private final int gaugeValue;

        State(int gaugeValue) {
            this.gaugeValue = gaugeValue;
        }

        /** 0 closed, 1 half-open, 2 open. */
        public int gaugeValue() {
            return gaugeValue;
        }
    }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openDuration) {
        this(failureThreshold, openDuration, System::nanoTime);
    }

    CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Asks to make one attempt. When granted, the caller must report the outcome with
     * {@link #onSuccess()} or {@link #onFailure()}.
     */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nanoClock.getAsLong() - openedAt < openNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            case HALF_OPEN:
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    /** The endpoint answered. */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    /** The attempt failed in a way that says the endpoint is unwell. */
    public synchronized void onFailure() {
        if (state == State.HALF_OPEN) {
            open();
            return;
        }
        consecutiveFailures++;
        if (state == State.CLOSED && consecutiveFailures >= failureThreshold) {
            open();
        }
    }

    private void open() {
        state = State.OPEN;
        openedAt = nanoClock.getAsLong();
        trialInFlight = false;
    }

    /** The current state; an open circuit whose wait is over reports half-open. */
    public synchronized State state() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** How long until an open circuit lets a trial through; zero if it is not open. */
    public synchronized Duration remainingOpen() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, openNanos - (nanoClock.getAsLong() - openedAt)));
    }
}
