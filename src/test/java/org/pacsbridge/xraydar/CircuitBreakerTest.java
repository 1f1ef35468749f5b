package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pacsbridge.xraydar.CircuitBreaker.State;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), now::get);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure();
        }
    }

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        fail(2);
        breaker.onSuccess();
        fail(2);
        assertEquals(State.CLOSED, breaker.state());
        fail(1);
        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        assertEquals(Duration.ofSeconds(30), breaker.remainingOpen());
    }

    @Test
    void halfOpensAfterTheWaitAndLetsOneTrialThrough() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(State.HALF_OPEN, breaker.state());
        assertTrue(breaker.tryAcquire());
        assertFalse(breaker.tryAcquire(), "only one trial while half-open");
        breaker.onSuccess();
        assertEquals(State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aFailedTrialOpensAgainForAnotherFullWait() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertTrue(breaker.tryAcquire());
        breaker.onFailure();
        assertEquals(State.OPEN, breaker.state());
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertFalse(breaker.tryAcquire());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(breaker.tryAcquire());
        assertEquals(2, State.OPEN.gaugeValue());
        assertEquals(1, State.HALF_OPEN.gaugeValue());
        assertEquals(0, State.CLOSED.gaugeValue());
    }
}
