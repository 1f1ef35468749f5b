package org.pacsbridge.failure;

/**
 * What a failed call says about the work that met it. Routes ask {@link #waitsForRetry()}: when true
 * the exchange fails and the work stays where it is (spool, topic, next run) to be tried again later;
 * when false the failure is a verdict on this input and the work is given up (dead-lettered).
 */
public interface FailureVerdict {

    /** Whether the same call may succeed later (a busy, unreachable or rate-limiting peer). */
    boolean isTransient();

    /**
     * Whether the work should wait for a later try instead of being given up now. A client that
     * already retried a transient failure itself may answer false: its retries were the wait.
     */
    boolean waitsForRetry();
}
