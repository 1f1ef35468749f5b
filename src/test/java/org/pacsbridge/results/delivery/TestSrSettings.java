package org.pacsbridge.results.delivery;

import java.time.Duration;
import java.util.Optional;

/** {@code pacs.results.sr.*} for a test: enabled, short backoff, what a test changes between sends. */
final class TestSrSettings implements ResultsSettings.Sr {

    volatile String destination;
    volatile String groupId = "results-sr-test";
    volatile int maxAttempts = 3;
    volatile Duration initialBackoff = Duration.ofMillis(200);
    volatile Duration maxBackoff = Duration.ofSeconds(5);

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<String> destination() {
        return Optional.ofNullable(destination);
    }

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public String engineVersion() {
        return "unspecified";
    }

    @Override
    public String engineManufacturer() {
        return "X-Raydar";
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
