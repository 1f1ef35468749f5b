package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.IdentifyingReports;
import org.pacsbridge.testing.HttpsResource;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.MllpTlsResource;
import org.pacsbridge.testing.MllpPortResource;
import org.pacsbridge.testing.RecordingXraydarResource;
import org.pacsbridge.testing.TopicReader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

/**
 * What leaves the hospital for X-Raydar-NLP: the same identifying report through MLLP (a real
 * socket) and as report JSON on the reports topic (a real broker); the raw HTTP request bodies that
 * reach X-Raydar must hold none of the names, identifiers, dates, addresses, telephone numbers or
 * e-mail addresses, while the medical text arrives readable.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(MllpPortResource.class)
// the same resources as HttpsAndAdminAuthTest and MllpTlsTest, so that the three run in one application:
// HTTP is HTTPS, the MLLP listener has TLS beside, and X-Raydar is reached through a recording pass-through
@WithTestResource(value = HttpsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MllpTlsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RecordingXraydarResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class NlpRequestScrubbingTest {

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.topic.reports")
    String reportsTopic;

    @ConfigProperty(name = "pacs.topic.findings-nlp")
    String findingsTopic;

    @Test
    void anHl7ReportOverMllpLeavesWithoutIdentifiers() throws Exception {
        String accession = "ACX" + System.nanoTime();
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            String ack = client.send(IdentifyingReports.er7(accession));
            assertEquals("AA", MllpClient.ackCode(ack), ack);
        }
        String body = requestFor(accession);
        IdentifyingReports.assertNoIdentifierIn(body, accession);
        IdentifyingReports.assertMedicalTextIn(body);
        assertTrue(body.contains("Referred by Dr [NAME]"), body);
    }

    @Test
    void reportJsonOnKafkaLeavesWithoutTheIdentifiersItsFieldsName() throws Exception {
        String accession = "ACJ" + System.nanoTime();
        publish(accession, IdentifyingReports.json(accession));
        String body = requestFor(accession);
        IdentifyingReports.assertNoIdentifierIn(body, accession);
        IdentifyingReports.assertMedicalTextIn(body);
    }

    @Test
    void reportJsonWithoutIdentityFieldsIsScrubbedByItsOwnPatientIdAndTheGenericRules() throws Exception {
        String accession = "ACG" + System.nanoTime();
        String text = "Mrs Featherstonehaugh, patient ROSEBUD, born 12 March 1961 (12/03/1961), tel 0113 243 3144, "
                + "MRN48151623, rosalind.f@example.org, accession " + accession + ". Nodule 5 mm, T4 intact. Reference word "
                + IdentifyingReports.tag(accession) + ".";
        publish(accession, "{\"reportId\":\"" + java.util.UUID.randomUUID() + "\",\"accessionNumber\":\"" + accession
                + "\",\"patientId\":\"ROSEBUD\",\"procedureCode\":\"XRCHEST\","
                + "\"procedureText\":\"XR CHEST PA\",\"status\":\"FINAL\",\"reportText\":\"" + text + "\"}");
        String body = requestFor(accession);
        for (String value : List.of("Featherstonehaugh", "ROSEBUD", "1961", "243 3144", "48151623", "rosalind", accession)) {
            assertFalse(body.contains(value), () -> value + " left in: " + body);
        }
        assertTrue(body.contains("Mrs [NAME], patient [ID], born [DATE] ([DATE]), tel [PHONE], [ID], [EMAIL], accession [ID]. "
                + "Nodule 5 mm, T4 intact."), body);
    }

    private void publish(String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(reportsTopic, key, value)).get();
        }
    }

    /** The raw body of the NLP request made for this report, once its findings event is out. */
    private String requestFor(String accession) {
        boolean published = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), findingsTopic,
                r -> accession.equals(r.key()), Duration.ofSeconds(60)).stream().anyMatch(r -> accession.equals(r.key()));
        assertTrue(published, "no findings event for " + accession);
        String tag = IdentifyingReports.tag(accession);
        List<String> bodies = RecordingXraydarResource.bodies(XraydarSimulator.NLP_PATH).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).filter(b -> b.contains(tag)).toList();
        assertEquals(1, bodies.size(), "requests for this report");
        return bodies.get(0);
    }
}
