package org.pacsbridge.results.delivery;

import java.time.Duration;
import java.util.Optional;

/** {@code pacs.results.sr.*} for a test: enabled, short backoff, what a test changes between sends. */
final class TestSrSettings extends TestRetries implements ResultsSettings.Sr {

    volatile String destination;
    volatile String groupId = "results-sr-test";

    TestSrSettings() {
        super(Duration.ofMillis(200), Duration.ofSeconds(5));
    }

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
}
