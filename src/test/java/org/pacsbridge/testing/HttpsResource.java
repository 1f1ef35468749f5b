package org.pacsbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The HTTP port over TLS only: a self-signed certificate made for the run in Quarkus's TLS registry, an HTTPS
 * port known in advance, plain HTTP disabled on a port also known in advance (so a test can show it refuses
 * connections), and the findings view behind the admin log-in.
 */
public class HttpsResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TlsCertificates certificates;
    private static volatile int httpsPort;
    private static volatile int httpPort;

    public static TlsCertificates certificates() {
        return certificates;
    }

    public static int httpsPort() {
        return httpsPort;
    }

    public static int httpPort() {
        return httpPort;
    }

    @Override
    public Map<String, String> start() {
        try {
            certificates = TlsCertificates.create(Files.createTempDirectory("https"));
            httpsPort = FreePorts.claim();
            httpPort = FreePorts.claim();
            return Map.of(
                    "quarkus.tls.key-store.p12.path", certificates.serverKeyStore.toString(),
                    "quarkus.tls.key-store.p12.password", TlsCertificates.PASSWORD,
                    "quarkus.http.ssl-port", Integer.toString(httpsPort),
                    "quarkus.http.test-ssl-port", Integer.toString(httpsPort),
                    "quarkus.http.port", Integer.toString(httpPort),
                    "quarkus.http.test-port", Integer.toString(httpPort),
                    "quarkus.http.insecure-requests", "disabled",
                    "pacs.findings.view.authentication", "true");
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
