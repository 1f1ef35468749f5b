package org.pacsbridge.results.delivery;

import java.time.Duration;
import java.util.Optional;

/** {@code pacs.results.hl7.*} for a test: enabled, short timeouts and backoff, what a test changes between sends. */
final class TestHl7Settings extends TestRetries implements ResultsSettings.Hl7 {

    volatile boolean enabled = true;
    volatile String host = "127.0.0.1";
    volatile int port;
    volatile Duration ackTimeout = Duration.ofSeconds(1);
    /** TLS off unless a test sets a trust store (and a key store for a client certificate). */
    volatile TestClientTls tls = new TestClientTls(false, null, null, null);

    TestHl7Settings() {
        super(Duration.ofMillis(100), Duration.ofMillis(200));
    }

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
    public ResultsSettings.ClientTls tls() {
        return tls;
    }

    /** {@code pacs.results.hl7.tls.*} for a test; PKCS12 stores. */
    record TestClientTls(boolean enabled, String trust, String key, String password)
            implements ResultsSettings.ClientTls {

        @Override
        public Optional<String> trustStore() {
            return Optional.ofNullable(trust);
        }

        @Override
        public String trustStoreType() {
            return "PKCS12";
        }

        @Override
        public Optional<String> trustStorePassword() {
            return Optional.ofNullable(password);
        }

        @Override
        public Optional<String> keyStore() {
            return Optional.ofNullable(key);
        }

        @Override
        public String keyStoreType() {
            return "PKCS12";
        }

        @Override
        public Optional<String> keyStorePassword() {
            return Optional.ofNullable(password);
        }
    }
}
