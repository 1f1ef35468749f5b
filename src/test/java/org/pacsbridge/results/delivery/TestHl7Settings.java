package org.pacsbridge.results.delivery;

import java.time.Duration;
import java.util.Optional;

/** {@code pacs.results.hl7.*} for a test: enabled, short timeouts and backoff, what a test changes between sends. */
final class TestHl7Settings implements ResultsSettings.Hl7 {

    volatile boolean enabled = true;
    volatile String host = "127.0.0.1";
    volatile int port;
    volatile int maxAttempts = 3;
    volatile Duration ackTimeout = Duration.ofSeconds(1);
    volatile Duration initialBackoff = Duration.ofMillis(100);
    volatile Duration maxBackoff = Duration.ofMillis(200);

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String groupId() {
        return "results-hl7-test";
    }

    @Override
    public String receivingApplication() {
        return "RIS";
    }

    @Override
    public Optional<String> receivingFacility() {
        return Optional.of("RADIOLOGY");
    }

    @Override
    public String procedureCode() {
        return "XRAYDAR-CXR";
    }

    @Override
    public String procedureScheme() {
        return "99XRAYDAR";
    }

    @Override
    public String procedureMeaning() {
        return "Chest X-ray AI analysis";
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration ackTimeout() {
        return ackTimeout;
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
