package org.pacsbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The MLLP listener on free ports with its TLS port on: self-signed certificates made for the run, client
 * certificates required and checked against a trust store holding the test client's certificate.
 */
public class MllpTlsResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TlsCertificates certificates;

    /** The certificates of the running node. */
    public static TlsCertificates certificates() {
        return certificates;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("mllp-tls");
            certificates = TlsCertificates.create(dir);
            return Map.of(
                    "pacs.mllp.port", Integer.toString(FreePorts.claim()),
                    "pacs.mllp.tls.enabled", "true",
                    "pacs.mllp.tls.port", Integer.toString(FreePorts.claim()),
                    "pacs.mllp.tls.key-store", certificates.serverKeyStore.toString(),
                    "pacs.mllp.tls.key-store-password", TlsCertificates.PASSWORD,
                    "pacs.mllp.tls.trust-store", certificates.trustStore.toString(),
                    "pacs.mllp.tls.trust-store-password", TlsCertificates.PASSWORD,
                    "pacs.mllp.tls.client-auth", "NEED");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }
}
