package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.CipherSuitesParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.camel.tls.TlsContextParameters;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.TlsCertificates;
import org.pacsbridge.tls.TlsServerConfig;

/**
 * The {@code dicom:} consumer's second, TLS-only listener, configured as camel-mllp's is: by the endpoint option
 * {@code sslContextParameters}. It shares the spool with the plain listener.
 */
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

    private SSLContextParameters parameters(TlsServerConfig.ClientAuth clientAuth, String keyStorePassword) {
        return TlsContextParameters.of(new TlsServerConfig(certificates.serverKeyStore, "PKCS12",
                keyStorePassword.toCharArray(), certificates.trustStore, "PKCS12",
                TlsCertificates.PASSWORD.toCharArray(), clientAuth, List.of("TLSv1.3", "TLSv1.2")));
    }

    private void start(SSLContextParameters tls, int plainPort) throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("dicomTls", tls);
        String uri = "dicom:NODE@127.0.0.1:" + plainPort + "?spoolDir=" + tmp.resolve("spool")
                + "&sslContextParameters=#dicomTls&tlsPort=0";
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
        start(parameters(TlsServerConfig.ClientAuth.NONE, TlsCertificates.PASSWORD), 0);
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
        // the plain port keeps working next to it, and speaks no TLS
        assertTrue(Dcmtk.echoscu("ECHOSCU", "NODE", consumer().getLocalPort()).ok());
        Dcmtk.Result tlsOnPlain = Dcmtk.run(30, "echoscu", "-aec", "NODE", "+tla", "+cf",
                certificates.serverCertificatePem.toString(), "127.0.0.1", Integer.toString(consumer().getLocalPort()));
        assertFalse(tlsOnPlain.ok(), tlsOnPlain.output());
    }

    @Test
    void requiredClientCertificate() throws Exception {
        start(parameters(TlsServerConfig.ClientAuth.NEED, TlsCertificates.PASSWORD), 0);
        int tlsPort = consumer().getTlsLocalPort();
        Dcmtk.Result anonymous = Dcmtk.run(30, "echoscu", "-aec", "NODE", "+tla", "+cf",
                certificates.serverCertificatePem.toString(), "127.0.0.1", Integer.toString(tlsPort));
        assertFalse(anonymous.ok(), anonymous.output());
        Dcmtk.Result stranger = Dcmtk.run(30, "echoscu", "-aec", "NODE", "+tls",
                certificates.strangerKeyPem.toString(), certificates.strangerCertificatePem.toString(), "+cf",
                certificates.serverCertificatePem.toString(), "127.0.0.1", Integer.toString(tlsPort));
        assertFalse(stranger.ok(), stranger.output());
        Dcmtk.Result withCertificate = Dcmtk.run(30, "echoscu", "-aec", "NODE", "+tls",
                certificates.clientKeyPem.toString(), certificates.clientCertificatePem.toString(), "+cf",
                certificates.serverCertificatePem.toString(), "127.0.0.1", Integer.toString(tlsPort));
        assertTrue(withCertificate.ok(), withCertificate.output());
    }

    @Test
    void parametersThatEnableAWeakSuiteStillGetOnlyBcp195Suites() throws Exception {
        SSLContextParameters weak = parameters(TlsServerConfig.ClientAuth.NONE, TlsCertificates.PASSWORD);
        CipherSuitesParameters suites = new CipherSuitesParameters();
        suites.setCipherSuite(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_AES_128_GCM_SHA256"));
        weak.setCipherSuites(suites);
        start(weak, 0);
        int tlsPort = consumer().getTlsLocalPort();

        Dcmtk.Result cbc = TlsCertificates.sClient(tlsPort, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256");
        assertNotEquals(0, cbc.exitCode(), cbc.output());
        Dcmtk.Result tls13 = TlsCertificates.sClient(tlsPort, "-tls1_3");
        assertEquals(0, tls13.exitCode(), tls13.output());
    }

    @Test
    void withoutSslContextParametersThereIsNoTlsListener() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("dicom:NODE@127.0.0.1:0?spoolDir=" + tmp.resolve("spool") + "&tlsPort=0").routeId("scp")
                        .log("${body}");
            }
        });
        camel.start();
        assertEquals(-1, consumer().getTlsLocalPort());
        assertTrue(Dcmtk.echoscu("ECHOSCU", "NODE", consumer().getLocalPort()).ok());
    }

    @Test
    void aWrongKeyStorePasswordFailsTheStartAndLeavesThePlainPortFree() throws Exception {
        int port = FreePorts.claim();
        assertThrows(Exception.class,
                () -> start(parameters(TlsServerConfig.ClientAuth.NONE, "not-the-password"), port));
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }
}
