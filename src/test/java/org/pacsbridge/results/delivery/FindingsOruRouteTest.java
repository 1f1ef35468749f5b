package org.pacsbridge.results.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.util.idgenerator.NanoTimeGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.camel.mllp.BoundedMllpComponent;
import org.pacsbridge.ops.KafkaOffsets;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.TlsCertificates;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * routes/results-hl7.yaml's sending route and {@link FindingsOruSender} against a real MLLP peer (a
 * camel-mllp listener in a Camel context of its own, answering as told): AA delivers, AE/AR and an ACK for
 * another message are tried again, silence and a peer that is down end in the dead letter, whose replay
 * delivers once the peer answers. The dead-letter route itself (Kafka) is replaced by a recorder here.
 */
class FindingsOruRouteTest {

    private static final HapiContext HAPI = new DefaultHapiContext(ValidationContextFactory.defaultValidation());

    static {
        // the ACK's own control id: HAPI's default generator would keep a file in the working directory
        HAPI.getParserConfiguration().setIdGenerator(new NanoTimeGenerator());
    }

    @TempDir
    Path tmp;

    private CamelContext camel;
    private CamelContext peer;
    private ProducerTemplate template;
    private int peerPort;
    private final TestHl7Settings hl7 = new TestHl7Settings();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Exchange> deadLetters = new CopyOnWriteArrayList<>();
    /** What the peer answers, one entry per message received; AA once the queue is empty. */
    private final Queue<String> answers = new ConcurrentLinkedQueue<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        peerPort = FreePorts.claim();
        hl7.port = peerPort;
        camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("pacs.topic.findings-cv", "pacs.findings.cv");
        props.setProperty("pacs.results.hl7.enabled", "false");
        props.setProperty("pacs.results.hl7.group-id", "results-hl7-test");
        camel.getPropertiesComponent().setOverrideProperties(props);
        camel.addComponent("mllp", new BoundedMllpComponent());
        FindingsOruSender sender = sender();
        sender.producer = camel.createProducerTemplate();
        camel.getRegistry().bind("findingsOruSender", sender);
        camel.getRegistry().bind("kafkaOffsets", new KafkaOffsets());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deadletter").routeId("deadletter-recorder").process(e -> deadLetters.add(e.copy()));
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/results-hl7.yaml"));
        camel.start();
        template = camel.createProducerTemplate();
    }

    private FindingsOruSender sender() {
        FindingsOruSender sender = new FindingsOruSender();
        sender.settings = new TestResultsSettings(new TestSrSettings(), hl7);
        sender.registry = registry;
        return sender;
    }

    @AfterEach
    void stop() throws Exception {
        released.countDown();
        camel.stop();
        if (peer != null) {
            peer.stop();
        }
    }

    /** The RIS: a camel-mllp listener that records each message and answers with the next of {@link #answers}. */
    private void startPeer() throws Exception {
        startPeer("127.0.0.1", null);
    }

    /** @param tls the peer's TLS (on every loopback address), or null for plain MLLP on 127.0.0.1 */
    private void startPeer(String bindAddress, SSLContextParameters tls) throws Exception {
        peer = new DefaultCamelContext();
        MllpComponent mllp = new MllpComponent();
        mllp.setLogPhi(false);
        peer.addComponent("mllp", mllp);
        if (tls != null) {
            peer.getRegistry().bind("risTls", tls);
        }
        peer.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mllp:" + bindAddress + ":" + peerPort + "?autoAck=false&validatePayload=false&stringPayload=true"
                        + "&hl7Headers=false" + (tls == null ? "" : "&sslContextParameters=#risTls"))
                        .routeId("ris").process(e -> {
                            String message = e.getMessage().getBody(String.class);
                            received.add(message);
                            String answer = answers.isEmpty() ? "AA" : answers.poll();
                            if (answer.equals("SILENT")) {
                                // answers only once the test is over, long after the sender gave up
                                released.await(30, TimeUnit.SECONDS);
                                answer = "AA";
                            }
                            e.setProperty("CamelMllpAcknowledgement", ack(message, answer).getBytes(StandardCharsets.UTF_8));
                        });
            }
        });
        peer.start();
    }

    private static String ack(String message, String answer) throws Exception {
        Message parsed = HAPI.getPipeParser().parse(message);
        if (answer.equals("OTHER")) {
            ACK ack = (ACK) parsed.generateACK();
            ack.getMSA().getMessageControlID().setValue("SOMEONE-ELSES-MSG");
            return ack.encode();
        }
        return parsed.generateACK(AcknowledgmentCode.valueOf(answer), null).encode();
    }

    private Exchange send(String event) {
        return template.send("direct:results-hl7-send", e -> e.getMessage().setBody(event));
    }

    private List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        deadLetters.forEach(d -> reasons.add(d.getMessage().getHeader("pacs.dlq.reason", String.class)));
        return reasons;
    }

    @Test
    void anAaDeliversAndThePeerReceivedTheOruHapiReads() throws Exception {
        startPeer();
        Exchange sent = send(event("ACC-HL7-1", "2.25.11", "cv"));

        assertEquals(null, sent.getException());
        assertEquals(List.of(), reasons());
        assertEquals(1, received.size());
        ORU_R01 oru = (ORU_R01) HAPI.getPipeParser().parse(received.get(0));
        assertEquals(sent.getMessage().getHeader(FindingsOruSender.CONTROL_ID), oru.getMSH().getMessageControlID()
                .getValue());
        var order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
        assertEquals("ACC-HL7-1", order.getOBR().getFillerOrderNumber().getEntityIdentifier().getValue());
        assertEquals("P", order.getOBR().getResultStatus().getValue());
        int nm = 0;
        for (int i = 0; i < order.getOBSERVATIONReps(); i++) {
            nm += "NM".equals(order.getOBSERVATION(i).getOBX().getValueType().getValue()) ? 1 : 0;
        }
        assertEquals(2, nm, "one NM OBX per finding of the event");
        assertEquals(2 + 3, order.getOBSERVATIONReps(), "findings, study, urgency, engine");
        assertEquals(1.0, registry.counter("pacs_results_hl7_total", "outcome", "sent").count());
    }

    @Test
    void aeArAndAnAckForAnotherMessageAreTriedAgainWithTheSameMessage() throws Exception {
        hl7.maxAttempts = 4;
        answers.addAll(List.of("AR", "AE", "OTHER", "AA"));
        startPeer();
        Exchange sent = send(event("ACC-HL7-2", "2.25.21", "cv"));

        assertEquals(null, sent.getException());
        assertEquals(List.of(), reasons());
        assertEquals(4, received.size());
        assertEquals(1, received.stream().distinct().count(), "the same message each time");
        assertEquals(1.0, registry.counter("pacs_results_hl7_total", "outcome", "sent").count());
    }

    @Test
    void aPeerThatNeverAnswersEndsInTheDeadLetterWhoseReplayDeliversLater() throws Exception {
        hl7.maxAttempts = 2;
        answers.addAll(List.of("SILENT", "SILENT"));
        startPeer();
        String event = event("ACC-HL7-3", "2.25.31", "cv");

        long startedAt = System.nanoTime();
        Exchange sent = send(event);
        long tookMs = (System.nanoTime() - startedAt) / 1_000_000;

        assertEquals(null, sent.getException(), "handled: dead-lettered");
        assertTrue(tookMs >= 2 * hl7.ackTimeout.toMillis(), "waited for each ACK (took " + tookMs + " ms)");
        assertEquals(List.of("findings ORU not delivered: not delivered after 2 attempts, last: no ACK within 1000 ms"),
                reasons());
        Exchange dead = deadLetters.get(0);
        assertEquals(event, dead.getMessage().getBody(String.class), "the event itself, for a replay");
        assertEquals("results-hl7-send", dead.getMessage().getHeader("pacs.dlq.replay-route"));
        assertEquals(1.0, registry.counter("pacs_results_hl7_total", "outcome", "failed").count());

        // the RIS answers again: the replay delivers the same message
        Exchange replayed = send(dead.getMessage().getBody(String.class));
        assertEquals(null, replayed.getException());
        assertEquals(1, deadLetters.size());
        assertEquals(dead.getMessage().getHeader(FindingsOruSender.CONTROL_ID),
                replayed.getMessage().getHeader(FindingsOruSender.CONTROL_ID));
        assertEquals(3, received.size());
        assertEquals(1.0, registry.counter("pacs_results_hl7_total", "outcome", "sent").count());
    }

    @Test
    void aPeerThatIsDownEndsInTheDeadLetterAfterTheBackoff() {
        hl7.maxAttempts = 3;
        hl7.initialBackoff = Duration.ofMillis(200);
        hl7.maxBackoff = Duration.ofMillis(200);

        long startedAt = System.nanoTime();
        send(event("ACC-HL7-4", "2.25.41", "cv"));
        long tookMs = (System.nanoTime() - startedAt) / 1_000_000;

        assertEquals(List.of("findings ORU not delivered: not delivered after 3 attempts, last: connection refused"),
                reasons());
        // two waits of 200 ms shortened by at most half (jitter 0.5)
        assertTrue(tookMs >= 200, "backed off between attempts (took " + tookMs + " ms)");
    }

    @Test
    void anEventWithNeitherAccessionNorStudyIsDeadLetteredUnsent() throws Exception {
        startPeer();
        send(event(null, null, "cv"));

        assertEquals(1, reasons().size());
        assertTrue(reasons().get(0).contains("neither an accession number nor a Study Instance UID"), reasons().get(0));
        assertEquals(List.of(), received);
    }

    @Test
    void anEventThatIsNotACvEventIsDeadLetteredUnsent() throws Exception {
        startPeer();
        send(event("ACC-HL7-6", "2.25.61", "nlp"));

        assertEquals(List.of("findings ORU not delivered: findings event refused: not a CV findings event"), reasons());
        assertEquals(List.of(), received);
    }

    @Test
    void overTlsTheRisCertificateMustNameTheHostConnectedTo() throws Exception {
        Assumptions.assumeTrue(TlsCertificates.available(), "keytool and openssl needed");
        TlsCertificates certificates = TlsCertificates.create(tmp);
        startPeer("0.0.0.0", risTls(certificates));
        useTls(new TestHl7Settings.TestClientTls(true, certificates.serverTrustStore.toString(), null,
                TlsCertificates.PASSWORD));

        // trusted, and 127.0.0.1 is in the certificate's subject alternative names
        Exchange sent = send(event("ACC-TLS-1", "2.25.81", "cv"));
        assertEquals(null, sent.getException());
        assertEquals(List.of(), reasons());
        assertEquals(1, received.size(), "delivered over TLS");

        // the same trusted certificate, reached as 127.0.0.2, which it does not name
        hl7.host = "127.0.0.2";
        send(event("ACC-TLS-2", "2.25.82", "cv"));
        assertEquals(1, reasons().size(), reasons().toString());
        assertTrue(reasons().get(0).contains("TLS with the RIS failed"), reasons().get(0));
        assertEquals(1, received.size(), "nothing reached a peer whose certificate names another host");
    }

    @Test
    void overTlsAnUntrustedRisCertificateIsRefused() throws Exception {
        Assumptions.assumeTrue(TlsCertificates.available(), "keytool and openssl needed");
        TlsCertificates certificates = TlsCertificates.create(tmp);
        startPeer("127.0.0.1", risTls(certificates));
        // a trust store that holds a client's certificate only
        useTls(new TestHl7Settings.TestClientTls(true, certificates.trustStore.toString(), null,
                TlsCertificates.PASSWORD));

        send(event("ACC-TLS-3", "2.25.83", "cv"));
        assertEquals(1, reasons().size(), reasons().toString());
        assertTrue(reasons().get(0).contains("TLS with the RIS failed"), reasons().get(0));
        assertEquals(List.of(), received);
    }

    @Test
    void tlsWithAnUnreadableTrustStoreRefusesToStart() {
        hl7.tls = new TestHl7Settings.TestClientTls(true, tmp.resolve("missing.p12").toString(), null, null);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sender().check(null));
        assertTrue(refused.getMessage().contains("pacs.results.hl7.tls.trust-store"), refused.getMessage());
    }

    /** The node's TLS settings, before the first send (the producer endpoint keeps what it was created with). */
    private void useTls(TestHl7Settings.TestClientTls tls) {
        hl7.tls = tls;
        camel.getRegistry().bind(ResultsHl7TlsParameters.NAME, ResultsHl7TlsParameters.of(tls));
    }

    private static SSLContextParameters risTls(TlsCertificates certificates) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + certificates.serverKeyStore.toAbsolutePath());
        store.setType("PKCS12");
        store.setPassword(TlsCertificates.PASSWORD);
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store);
        keys.setKeyPassword(TlsCertificates.PASSWORD);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keys);
        return tls;
    }

    @Test
    void aReplayWhileNoHostIsSetIsDeadLetteredAgain() {
        hl7.host = null;
        send(event("ACC-HL7-7", "2.25.71", "cv"));

        assertEquals(List.of("findings ORU not delivered: pacs.results.hl7.host is not set"), reasons());
    }

    @Test
    void enabledWithoutHostRefusesToStart() {
        hl7.host = null;
        FindingsOruSender sender = sender();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sender.check(null));
        assertTrue(refused.getMessage().contains("pacs.results.hl7.host"), refused.getMessage());

        hl7.host = "ris.example.org";
        sender.check(null);
        assertEquals(0.0, registry.counter("pacs_results_hl7_total", "outcome", "failed").count());
    }

    private static String event(String accession, String study, String source) {
        return "{\"schema\":\"pacs-bridge.findings/v1\",\"source\":\"" + source + "\",\"study\":{"
                + (accession == null ? "" : "\"accessionNumber\":\"" + accession + "\",")
                + (study == null ? "" : "\"studyInstanceUid\":\"" + study + "\",") + "\"patientId\":\"P-H\"},"
                + "\"image\":{\"seriesInstanceUid\":\"2.25.9001\",\"sopInstanceUid\":\"2.25.9002."
                + Math.abs(String.valueOf(accession).hashCode())
                + "\",\"sopClassUid\":\"1.2.840.10008.5.1.4.1.1.1\"},\"urgency\":\"urgent\","
                + "\"findings\":[{\"code\":\"pneumothorax\",\"probability\":0.91,\"threshold\":0.5,\"positive\":true},"
                + "{\"code\":\"cardiomegaly\",\"probability\":0.12,\"threshold\":0.5,\"positive\":false}],"
                + "\"engine\":{\"name\":\"x-raydar-cv\",\"version\":\"1.4.2\",\"simulated\":false},"
                + "\"timing\":{\"completedAt\":\"2026-12-07T12:00:00Z\"}}";
    }
}
