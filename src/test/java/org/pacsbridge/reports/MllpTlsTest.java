package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.HttpsResource;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.MllpTlsResource;
import org.pacsbridge.testing.RecordingXraydarResource;
import org.pacsbridge.testing.TlsCertificates;
import org.pacsbridge.testing.TopicReader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * MLLP over TLS (routes/reports-mllp.yaml, route reports-mllp-tls) beside the plain listener, with client
 * certificates required: a TLS client with a trusted certificate gets AA and its report reaches the reports
 * topic; plaintext, a client without a certificate, and TLS 1.1 get nothing.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
// the same resources as HttpsAndAdminAuthTest and NlpRequestScrubbingTest, so that the three run in one application:
// HTTP is HTTPS, the MLLP listener has TLS beside, and X-Raydar is reached through a recording pass-through
@WithTestResource(value = HttpsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MllpTlsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RecordingXraydarResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MllpTlsTest {

    @Inject
    CamelContext camel;

    @Inject
    @Named("mllpTlsParameters")
    SSLContextParameters parameters;

    @ConfigProperty(name = "pacs.mllp.port")
    int plainPort;

    @ConfigProperty(name = "pacs.mllp.tls.port")
    int tlsPort;

    @ConfigProperty(name = "pacs.topic.reports")
    String reportsTopic;

    @Test
    void aReportOverTlsIsAcknowledgedAndStored() throws Exception {
        String accession = "T" + System.nanoTime();
        String ack;
        try (MllpClient client = tlsClient(true)) {
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(client.tlsProtocol()), client.tlsProtocol());
            ack = client.send(Hl7Reports.chestOru(accession, "CTL" + accession, "F", 0, "No pneumothorax."));
        }
        assertEquals("AA", MllpClient.ackCode(ack), ack);
        assertTrue(ack.contains("MSA|AA|CTL" + accession), ack);
        ConsumerRecord<String, String> report = awaitRecord(reportsTopic, accession);
        assertTrue(report.value().contains("CTL" + accession), "the message as received");
    }

    @Test
    void aMessageAboveTheSizeLimitIsRefusedWithArOverTlsToo() throws Exception {
        String accession = "BIGTLS" + System.nanoTime();
        String text = "A".repeat(11 * 1024 * 1024);
        try (MllpClient client = tlsClient(true)) {
            String ack = client.send(Hl7Reports.chestOru(accession, "CTL" + accession, "F", 0, text));
            assertEquals("AR", MllpClient.ackCode(ack), ack);
            assertTrue(ack.contains("MSA|AR|CTL" + accession), ack);
            assertTrue(ack.contains("message larger than 10485760 bytes"), ack);
            String next = "N" + accession;
            assertEquals("AA", MllpClient.ackCode(client.send(Hl7Reports.chestOru(next, "CTL" + next, "F", 0, "Clear."))),
                    "the connection stays usable");
        }
    }

    @Test
    void thePlainListenerRunsBeside() throws Exception {
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("reports-mllp"));
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("reports-mllp-tls"));
        String accession = "P" + System.nanoTime();
        try (MllpClient client = new MllpClient("127.0.0.1", plainPort, StandardCharsets.UTF_8)) {
            String ack = client.send(Hl7Reports.chestOru(accession, "CTL" + accession, "F", 0, "No effusion."));
            assertEquals("AA", MllpClient.ackCode(ack), ack);
        }
        String readiness = HttpClient.newBuilder().sslContext(HttpsResource.certificates().clientContext(false))
                .build().send(HttpRequest.newBuilder(URI.create("https://localhost:" + HttpsResource.httpsPort()
                        + "/q/health/ready")).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(readiness.contains("\"mllp.tls.port\": " + tlsPort), readiness);
    }

    @Test
    void plaintextOnTheTlsPortIsNotAccepted() throws Exception {
        String accession = "X" + System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", tlsPort)) {
            socket.setSoTimeout(20_000);
            byte[] message = Hl7Reports.chestOru(accession, "CTL" + accession, "F", 0, "Clear lungs.")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] framed = new byte[message.length + 3];
            framed[0] = 0x0b;
            System.arraycopy(message, 0, framed, 1, message.length);
            framed[framed.length - 2] = 0x1c;
            framed[framed.length - 1] = 0x0d;
            socket.getOutputStream().write(framed);
            socket.getOutputStream().flush();
            assertFalse(readsAnAck(socket.getInputStream()), "no acknowledgement in the clear");
        }
        assertTrue(TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), reportsTopic,
                r -> accession.equals(r.key()), Duration.ofSeconds(5)).stream().noneMatch(r -> accession.equals(r.key())),
                "a plaintext message on the TLS port is not stored");
        try (MllpClient client = tlsClient(true)) {
            String ack = client.send(Hl7Reports.chestOru("Y" + accession, "CTLY" + accession, "F", 0, "Clear."));
            assertEquals("AA", MllpClient.ackCode(ack), "the TLS listener keeps serving");
        }
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        String accession = "N" + System.nanoTime();
        // with TLS 1.3 the server refuses the missing certificate after the client's handshake ends: the
        // refusal shows at the latest when the client waits for its acknowledgement
        assertThrows(IOException.class, () -> {
            try (MllpClient client = tlsClient(false)) {
                client.send(Hl7Reports.chestOru(accession, "CTL" + accession, "F", 0, "Clear."));
            }
        });
        assertTrue(TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), reportsTopic,
                r -> accession.equals(r.key()), Duration.ofSeconds(5)).stream().noneMatch(r -> accession.equals(r.key())));
    }

    @Test
    void onlyTls13And12() throws Exception {
        String[] client = {"-cert", MllpTlsResource.certificates().clientCertificatePem.toString(),
                "-key", MllpTlsResource.certificates().clientKeyPem.toString()};
        Dcmtk.Result tls12 = TlsCertificates.sClient(tlsPort, concat(client, "-tls1_2"));
        assertEquals(0, tls12.exitCode(), tls12.output());
        assertTrue(tls12.output().contains("ECDHE-ECDSA-AES256-GCM-SHA384"), tls12.output());
        Dcmtk.Result tls11 = TlsCertificates.sClient(tlsPort, concat(client, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"));
        assertNotEquals(0, tls11.exitCode(), tls11.output());
        Dcmtk.Result cbc = TlsCertificates.sClient(tlsPort, concat(client, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256"));
        assertNotEquals(0, cbc.exitCode(), cbc.output());
    }

    @Test
    void passwordsAreNotShown() {
        String shown = parameters.toString();
        assertTrue(shown.contains("KeyStoreParameters"), shown);
        assertFalse(shown.contains(TlsCertificates.PASSWORD), shown);
    }

    private MllpClient tlsClient(boolean withCertificate) throws Exception {
        return MllpClient.overTls("127.0.0.1", tlsPort, StandardCharsets.UTF_8,
                MllpTlsResource.certificates().clientContext(withCertificate));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** True if an MLLP start block arrives before the server closes (or stops answering). */
    private static boolean readsAnAck(InputStream in) throws IOException {
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 0x0b) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException | java.net.SocketException e) {
            return false;
        }
    }

    private static ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        Optional<ConsumerRecord<String, String>> record = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(),
                topic, r -> key.equals(r.key()), Duration.ofSeconds(60)).stream().filter(r -> key.equals(r.key())).findFirst();
        return record.orElseThrow(() -> new AssertionError("nothing keyed " + key + " on " + topic));
    }
}
