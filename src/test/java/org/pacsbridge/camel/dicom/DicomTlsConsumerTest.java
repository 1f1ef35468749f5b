package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.TlsCertificates;

/** The {@code dicom:} consumer's second, TLS-only listener sharing the spool with the plain one. */
class DicomTlsConsumerTest {

    @TempDir
    Path tmp;

    private CamelContext camel;
    private TlsCertificates certificates;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

    @BeforeEach
    void certificates() throws Exception {
        assumeTrue(TlsCertificates.available() && Dcmtk.available(), "keytool, openssl and dcmtk needed");
        certificates = TlsCertificates.create(Files.createDirectories(tmp.resolve("certs")));
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    private void start(String clientAuth) throws Exception {
        String uri = "dicom:NODE@127.0.0.1:0?spoolDir=" + tmp.resolve("spool")
                + "&tlsEnabled=true&tlsPort=0&tlsKeyStore=" + certificates.serverKeyStore
                + "&tlsKeyStorePassword=RAW(" + TlsCertificates.PASSWORD + ")"
                + "&tlsTrustStore=" + certificates.trustStore
                + "&tlsTrustStorePassword=RAW(" + TlsCertificates.PASSWORD + ")"
                + "&tlsClientAuth=" + clientAuth;
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("scp").process(exchange -> bodies.put(
                        exchange.getMessage().getHeader(DicomConstants.SOP_INSTANCE_UID, String.class),
                        DicomFiles.dataSet(exchange.getMessage().getBody(java.io.File.class).toPath())));
            }
        });
        camel.start();
    }

    private DicomConsumer consumer() {
        return (DicomConsumer) camel.getRoute("scp").getConsumer();
    }

    @Test
    void storescuOverTlsReachesTheRouteThroughTheSpool() throws Exception {
        start("NONE");
        int tlsPort = consumer().getTlsLocalPort();
        assertTrue(tlsPort > 0);
        assertTrue(tlsPort != consumer().getLocalPort());
        String uid = DicomFiles.newUid();
        Path file = DicomFiles.chestRadiograph(tmp, uid, "ACC-TLS", 32, 32);

        Dcmtk.Result r = Dcmtk.storescu("NODE", tlsPort,
                List.of("+tla", "+cf", certificates.serverCertificatePem.toString()), file);

        assertTrue(r.ok(), r.output());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> bodies.containsKey(uid));
        assertArrayEquals(DicomFiles.dataSet(file), bodies.get(uid));
        // the plain port keeps working next to it
        assertTrue(Dcmtk.echoscu("ECHOSCU", "NODE", consumer().getLocalPort()).ok());
    }

    @Test
    void requiredClientCertificate() throws Exception {
        start("NEED");
        int tlsPort = consumer().getTlsLocalPort();
        Dcmtk.Result anonymous = Dcmtk.run(30, "echoscu", "-aec", "NODE", "+tla", "+cf",
                certificates.serverCertificatePem.toString(), "127.0.0.1", Integer.toString(tlsPort));
        assertFalse(anonymous.ok(), anonymous.output());
        Dcmtk.Result withCertificate = Dcmtk.run(30, "echoscu", "-aec", "NODE", "+tls",
                certificates.clientKeyPem.toString(), certificates.clientCertificatePem.toString(), "+cf",
                certificates.serverCertificatePem.toString(), "127.0.0.1", Integer.toString(tlsPort));
        assertTrue(withCertificate.ok(), withCertificate.output());
    }

    @Test
    void passwordsAreMaskedWhereCamelShowsTheEndpoint() throws Exception {
        start("NONE");
        String shown = URISupport.sanitizeUri(camel.getRoute("scp").getEndpoint().getEndpointUri());
        assertFalse(shown.contains(TlsCertificates.PASSWORD), shown);
    }

    @Test
    void offByDefaultWithTheRoutesEmptyPlaceholders() throws Exception {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("pacs.dicom.tls.enabled", "false");
        properties.setProperty("pacs.dicom.tls.port", "2762");
        properties.setProperty("pacs.dicom.tls.key-store-password", "");
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(properties);
        // the TLS parameters as routes/dicom-ingest.yaml passes them, with nothing configured
        String uri = "dicom:NODE@127.0.0.1:0?spoolDir=" + tmp.resolve("spool")
                + "&tlsEnabled={{pacs.dicom.tls.enabled}}&tlsPort={{pacs.dicom.tls.port}}"
                + "&tlsKeyStore={{?pacs.dicom.tls.key-store}}"
                + "&tlsKeyStorePassword=RAW({{?pacs.dicom.tls.key-store-password}})"
                + "&tlsTrustStorePassword=RAW({{?pacs.dicom.tls.trust-store-password}})";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("scp").log("${body}");
            }
        });
        camel.start();
        assertEquals(-1, consumer().getTlsLocalPort());
        assertTrue(Dcmtk.echoscu("ECHOSCU", "NODE", consumer().getLocalPort()).ok());
    }

    @Test
    void enabledWithoutAKeyStoreDoesNotStart() {
        camel = new DefaultCamelContext();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dicom:NODE@127.0.0.1:0?spoolDir=" + tmp.resolve("spool") + "&tlsEnabled=true&tlsPort=0")
                            .routeId("scp").log("${body}");
                }
            });
            camel.start();
        });
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertTrue(String.valueOf(cause.getMessage()).contains("pacs.dicom.tls.key-store"), String.valueOf(cause));
    }

    @Test
    void aWrongKeyStorePasswordFailsTheStartAndReleasesThePlainPort() throws Exception {
        int plainPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            plainPort = probe.getLocalPort();
        }
        String uri = "dicom:NODE@127.0.0.1:" + plainPort + "?spoolDir=" + tmp.resolve("spool")
                + "&tlsEnabled=true&tlsPort=0&tlsKeyStore=" + certificates.serverKeyStore
                + "&tlsKeyStorePassword=RAW(not-the-password)";
        camel = new DefaultCamelContext();
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("scp").log("${body}");
                }
            });
            camel.start();
        });
        try (java.net.ServerSocket again = new java.net.ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new java.net.InetSocketAddress("127.0.0.1", plainPort));
        }
    }
}
