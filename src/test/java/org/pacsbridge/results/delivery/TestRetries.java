package org.pacsbridge.results.delivery;

import java.time.Duration;

/** The retry settings of a test's SR or HL7 part, which a test may change between sends. */
abstract class TestRetries implements ResultsSettings.Retries {

    volatile int maxAttempts = 3;
    volatile Duration initialBackoff;
    volatile Duration maxBackoff;

    TestRetries(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public Duration initialBackoff() {
        return initialBackoff;
    }

    @Override
    public Duration maxBackoff() {
        return maxBackoff;
    }
}
