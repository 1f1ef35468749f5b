package org.pacsbridge.xraydar.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The {@link XraydarSimulator}'s fault plan in use, with its counts being used up. */
final class ActiveFaults {

    /** What to do with one request. */
    enum Action {
        NONE, UNAUTHORIZED, RATE_LIMIT, HANG, FAIL, MALFORMED
    }

    private FaultPlan plan = FaultPlan.NONE;
    private int unauthorized;
    private int rateLimit;
    private int hang;
    private int fail;
    private int malformed;
    private long answers;
    private CountDownLatch release = new CountDownLatch(1);

    /** Replaces the plan; requests held by the old plan are let go. */
    synchronized void set(FaultPlan plan) {
        release.countDown();
        release = new CountDownLatch(1);
        this.plan = plan;
        unauthorized = plan.unauthorizedNext();
        rateLimit = plan.rateLimitNext();
        hang = plan.hangNext();
        fail = plan.failNext();
        malformed = plan.malformedNext();
        answers = 0;
    }

    synchronized FaultPlan current() {
        return plan;
    }

    synchronized FaultPlan remaining() {
        return new FaultPlan(plan.latency(), unauthorized, rateLimit, plan.retryAfter(), plan.retryAfterAsDate(), hang,
                plan.hang(), fail, plan.failStatus(), plan.failRatio(), malformed, plan.malformation());
    }

    /** Holds a request for {@code hang}, or until the plan changes. */
    void hold(Duration hang) throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            latch = release;
        }
        latch.await(hang.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Decides the fault for the next request and uses up its count. */
    synchronized Action next() {
        if (unauthorized > 0) {
            unauthorized--;
            return Action.UNAUTHORIZED;
        }
        if (rateLimit > 0) {
            rateLimit--;
            return Action.RATE_LIMIT;
        }
        if (hang > 0) {
            hang--;
            return Action.HANG;
        }
        if (fail > 0) {
            fail--;
            return Action.FAIL;
        }
        if (plan.failRatio() > 0) {
            // fail answer n when floor(n * ratio) steps up: exactly the ratio, evenly spread
            answers++;
            if (Math.floor(answers * plan.failRatio()) > Math.floor((answers - 1) * plan.failRatio())) {
                return Action.FAIL;
            }
        }
        if (malformed > 0) {
            malformed--;
            return Action.MALFORMED;
        }
        return Action.NONE;
    }
}
