package org.pacsbridge.findings;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.camel.dicom.DicomConsumer;
import org.pacsbridge.testing.Chromium;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.FindingsSchema;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.TopicReader;
import org.pacsbridge.xraydar.simulator.ScriptedAnswer;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * Study correlation end to end on the real broker: storescu → SCP → X-Raydar-CV (simulator) and
 * MLLP → X-Raydar-NLP (simulator) → Kafka Streams correlation → pacs.findings.study and
 * pacs.alerts; and the findings view rendering the result in headless Chromium.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class StudyCorrelationFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    CamelContext camel;

    @Inject
    RunningSimulator simulatorHandle;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.topic.findings-study")
    String studyTopic;

    @ConfigProperty(name = "pacs.topic.alerts")
    String alertsTopic;

    @TestHTTPResource("/findings")
    String findingsPage;

    private XraydarSimulator simulator;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        simulator = simulatorHandle.simulator().orElseThrow();
        simulator.clearFaults();
        simulator.clearScripted();
        dir = Files.createTempDirectory("pacs-study-test");
    }

    @AfterEach
    void tearDown() {
        if (simulator != null) {
            simulator.clearScripted();
        }
    }

    @Test
    void imageThenReportGiveOneStudyEventWithBothSides() throws Exception {
        String accession = accession("IR");
        sendImage(accession, "PA");
        sendReport(accession, "F", 0, "Chest PA: lungs clear.");
        JsonNode study = awaitStudy(accession, s -> s.has("report") && s.get("images").size() == 1);
        assertTrue(study.get("simulated").asBoolean(), "the simulator answered both sides");
        assertEquals(accession, study.get("study").get("accessionNumber").asText());
        JsonNode row = study.get("findings").get(0);
        assertTrue(row.get("image").has("probability") && row.get("report").has("probability"), row.toString());
    }

    @Test
    void reportThenImageGiveTheSameResult() throws Exception {
        String accession = accession("RI");
        sendReport(accession, "F", 0, "Chest PA: lungs clear.");
        awaitStudy(accession, s -> s.has("report"));
        sendImage(accession, "PA");
        JsonNode study = awaitStudy(accession, s -> s.has("report") && s.get("images").size() == 1);
        assertEquals("cv", study.get("updatedBy").asText());
        assertEquals(2, study.get("revision").asInt());
    }

    @Test
    void aDiscrepancyRaisesOneAlertAndACorrectedReportUpdatesTheStudy() throws Exception {
        String accession = accession("DX");
        simulator.scriptNext(XraydarSimulator.CV_PATH, new ScriptedAnswer("non-urgent", watched(0.97)));
        String sop = sendImage(accession, "PA");
        simulator.scriptNext(XraydarSimulator.NLP_PATH, new ScriptedAnswer(null, watched(0.02)));
        sendReport(accession, "F", 0, "Chest PA: no acute findings.");

        ConsumerRecord<String, String> alert = await(alertsTopic, accession, a -> true);
        FindingsSchema.assertValidAlert(alert.value());
        JsonNode a = JSON.readTree(alert.value());
        assertEquals(DiscrepancyRules.IMAGE_POSITIVE_REPORT_NEGATIVE, a.get("rule").asText());
        assertEquals("pneumothorax", a.get("finding").get("code").asText());
        assertEquals(0.97, a.get("imageProbability").asDouble(), 1e-9);
        assertEquals(0.02, a.get("reportProbability").asDouble(), 1e-9);
        assertEquals(sop, a.get("image").get("sopInstanceUid").asText());
        assertTrue(a.get("simulated").asBoolean());

        JsonNode before = awaitStudy(accession, s -> s.has("report") && s.get("alerts").size() == 1);
        assertEquals("final", before.get("report").get("status").asText());

        simulator.scriptNext(XraydarSimulator.NLP_PATH, new ScriptedAnswer(null, watched(0.95)));
        sendReport(accession, "C", 30, "Corrected: small left apical pneumothorax.");
        JsonNode corrected = awaitStudy(accession, s -> s.has("report") && "corrected".equals(s.get("report").get("status").asText()));
        assertEquals(0, corrected.get("alerts").size(), "the corrected report agrees with the image");
        assertTrue(corrected.get("revision").asInt() > before.get("revision").asInt());

        // alerts are written in the transactions of the study updates (exactly once): a second alert
        // would be committed with the corrected study seen above
        List<ConsumerRecord<String, String>> alerts = TopicReader.readAll(KafkaBrokerResource.bootstrapServers(),
                alertsTopic);
        assertEquals(1, alerts.stream().filter(r -> accession.equals(r.key())).count(), "one alert per study and rule");
    }

    @Test
    void theFindingsViewShowsAStudyInABrowser() throws Exception {
        String accession = accession("VW");
        simulator.scriptNext(XraydarSimulator.CV_PATH, new ScriptedAnswer("urgent", watched(0.93)));
        sendImage(accession, "PA");
        simulator.scriptNext(XraydarSimulator.NLP_PATH, new ScriptedAnswer(null, watched(0.04)));
        sendReport(accession, "F", 0, "Chest PA: no acute findings.");
        awaitStudy(accession, s -> s.has("report") && s.get("alerts").size() == 2);

        // the JSON behind the page
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().get(findingsPage + "/api/studies/" + accession)
                .statusCode() == 200);
        JsonNode viewed = JSON.readTree(given().get(findingsPage + "/api/studies/" + accession).asString());
        assertEquals(accession, viewed.get("study").get("accessionNumber").asText());

        Assumptions.assumeTrue(Chromium.available(), "chromium not installed");
        Path screenshot = Path.of("target", "findings-view.png");
        String dom = Chromium.renderedDom(findingsPage, Duration.ofSeconds(8));
        Chromium.screenshot(findingsPage, screenshot, Duration.ofSeconds(8));
        assertTrue(dom.contains("data-key=\"" + accession + "\""), "the page shows the study");
        assertTrue(dom.contains("SIMULATED"), "the simulated badge is shown");
        assertTrue(dom.contains("data-rule=\"image-positive-report-negative\""), "the alert is shown");
        assertTrue(dom.contains("bar bar-image") && dom.contains("bar bar-report"), "bars for both sides");
        assertTrue(dom.contains("image: urgent"), "the urgency is shown");
        assertFalse(dom.contains("TESTPATIENT"), "no patient name on the page");
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot was taken");
    }

    @Test
    void theViewCanBeAskedForAStudyItDoesNotHave() {
        assertEquals(404, given().get(findingsPage + "/api/studies/NO-SUCH-STUDY").statusCode());
        assertEquals(200, given().get(findingsPage).statusCode());
    }

    /** Pneumothorax at {@code p}, the other watched findings at 0, so only the pneumothorax rule can fire. */
    private static Map<String, Double> watched(double p) {
        return Map.of("pneumothorax", p, "pneumomediastinum", 0.0, "pneumoperitoneum", 0.0, "rib_fracture", 0.0);
    }

    private static String accession(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36).toUpperCase();
    }

    private String sendImage(String accession, String view) throws Exception {
        String sop = DicomFiles.newUid();
        Path file = DicomFiles.image(dir, new DicomFiles.Kind(DicomFiles.DX_FOR_PRESENTATION, "DX", "CHEST", "XR CHEST PA", view),
                sop, accession, 64, 64, 16);
        int port = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getLocalPort();
        Dcmtk.Result result = Dcmtk.storescu(aeTitle, port, List.of(), file);
        assertTrue(result.ok(), result.output());
        return sop;
    }

    private void sendReport(String accession, String status, int minute, String... lines) throws Exception {
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            String ack = client.send(Hl7Reports.chestOru(accession, "C" + accession + status + minute, status, minute, lines));
            assertEquals("AA", MllpClient.ackCode(ack), ack);
        }
    }

    private JsonNode awaitStudy(String accession, Predicate<JsonNode> wanted) throws Exception {
        ConsumerRecord<String, String> record = await(studyTopic, accession, v -> wanted.test(read(v)));
        FindingsSchema.assertValidStudy(record.value());
        return JSON.readTree(record.value());
    }

    private ConsumerRecord<String, String> await(String topic, String key, Predicate<String> wanted) {
        List<ConsumerRecord<String, String>> read = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), topic,
                r -> key.equals(r.key()) && wanted.test(r.value()), WAIT);
        Optional<ConsumerRecord<String, String>> match = read.stream()
                .filter(r -> key.equals(r.key()) && wanted.test(r.value())).reduce((a, b) -> b);
        assertTrue(match.isPresent(), "no matching record for " + key + " on " + topic + " within " + WAIT);
        return match.get();
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
