package org.pacsbridge.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.model.FindingThresholds;
import org.pacsbridge.model.FindingsEventBuilder;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.ops.DeadLetterHeaders;
import org.pacsbridge.testing.FindingsSchema;
import org.pacsbridge.xraydar.XraydarResponseParser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The correlation topology's behaviour, driven record by record (Kafka's own test driver runs the
 * real topology and state store without a broker; the flow on a real broker is in
 * StudyCorrelationFlowTest and the two-instance run in StudyCorrelationTwoNodesIT).
 */
class StudyCorrelationTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final DiscrepancyRules.Thresholds DEFAULT = new DiscrepancyRules.Thresholds(0.9, 0.1, 0.9, 0.1, true);

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> cv;
    private TestInputTopic<String, byte[]> nlp;
    private TestOutputTopic<String, byte[]> study;
    private TestOutputTopic<String, byte[]> alerts;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void setUp() {
        DiscrepancyRules rules = new DiscrepancyRules(Map.of("pneumothorax", DEFAULT, "rib_fracture", DEFAULT, "cavity", DEFAULT),
                Set.of("critical", "urgent"));
        var topology = StudyCorrelationTopology.build(
                new StudyCorrelationTopology.Topics("cv", "nlp", "study", "alerts", "dlq"), rules,
                new FrontalViews(Set.of("PA", "AP"), true), Duration.ofDays(7), Duration.ofHours(1), JSON,
                new CorrelationMetrics(new SimpleMeterRegistry()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "correlation-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology, props, T0);
        cv = driver.createInputTopic("cv", Serdes.String().serializer(), Serdes.ByteArray().serializer());
        nlp = driver.createInputTopic("nlp", Serdes.String().serializer(), Serdes.ByteArray().serializer());
        study = driver.createOutputTopic("study", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        alerts = driver.createOutputTopic("alerts", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        deadLetters = driver.createOutputTopic("dlq", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void imageThenReportGivesOneStudyEventWithBothSides() throws Exception {
        cv.pipeInput("ACC1", image("ACC1", "1.2.3.1", "PA", "normal", Map.of("pneumothorax", 0.2)), T0);
        JsonNode first = single(study);
        assertEquals("cv", first.get("updatedBy").asText());
        assertTrue(first.path("report").isMissingNode());

        nlp.pipeInput("ACC1", report("ACC1", "R1", "final", "1", Map.of("pneumothorax", 0.3)), T0.plusSeconds(3600));
        JsonNode both = single(study);
        assertEquals(2, both.get("revision").asInt());
        assertEquals("ACC1", both.get("study").get("accessionNumber").asText());
        JsonNode pneumothorax = row(both, "pneumothorax");
        assertEquals(0.2, pneumothorax.get("image").get("probability").asDouble(), 1e-9);
        assertEquals("1.2.3.1", pneumothorax.get("image").get("sopInstanceUid").asText());
        assertEquals(0.3, pneumothorax.get("report").get("probability").asDouble(), 1e-9);
        assertEquals("R1", both.get("report").get("reportId").asText());
        assertTrue(alerts.isEmpty());
    }

    @Test
    void reportFirstThenImageGivesTheSameStudy() throws Exception {
        nlp.pipeInput("ACC2", report("ACC2", "R2", "final", "1", Map.of("pneumothorax", 0.3)), T0);
        cv.pipeInput("ACC2", image("ACC2", "1.2.3.2", "PA", "normal", Map.of("pneumothorax", 0.2)), T0.plusSeconds(60));
        List<JsonNode> events = all(study);
        JsonNode last = events.get(events.size() - 1);
        assertEquals(0.2, row(last, "pneumothorax").get("image").get("probability").asDouble(), 1e-9);
        assertEquals(0.3, row(last, "pneumothorax").get("report").get("probability").asDouble(), 1e-9);
    }

    @Test
    void theHighestProbabilityOverFrontalImagesCountsAndLateralsAreLeftOut() throws Exception {
        cv.pipeInput("ACC3", image("ACC3", "1.1", "PA", "normal", Map.of("pneumothorax", 0.4)), T0);
        cv.pipeInput("ACC3", image("ACC3", "1.2", "AP", "normal", Map.of("pneumothorax", 0.6)), T0);
        cv.pipeInput("ACC3", image("ACC3", "1.3", "LL", "normal", Map.of("pneumothorax", 0.99)), T0);
        List<JsonNode> events = all(study);
        JsonNode last = events.get(events.size() - 1);
        assertEquals(3, last.get("images").size());
        assertEquals(0.6, row(last, "pneumothorax").get("image").get("probability").asDouble(), 1e-9);
        assertEquals("1.2", row(last, "pneumothorax").get("image").get("sopInstanceUid").asText());
        assertFalse(last.get("images").get(2).get("frontal").asBoolean());
    }

    @Test
    void aMissRaisesOneAlertThatSaysWhy() throws Exception {
        cv.pipeInput("ACC4", image("ACC4", "1.4", "PA", "non-urgent", Map.of("pneumothorax", 0.96)), T0);
        nlp.pipeInput("ACC4", report("ACC4", "R4", "final", "1", Map.of("pneumothorax", 0.02)), T0.plusSeconds(10));
        TestRecord<String, byte[]> record = alerts.readRecord();
        JsonNode alert = JSON.readTree(record.value());
        FindingsSchema.assertValidAlert(new String(record.value(), StandardCharsets.UTF_8));
        assertEquals("ACC4", record.key());
        assertEquals(DiscrepancyRules.IMAGE_POSITIVE_REPORT_NEGATIVE, alert.get("rule").asText());
        assertEquals("pneumothorax", alert.get("finding").get("code").asText());
        assertEquals(0.96, alert.get("imageProbability").asDouble(), 1e-9);
        assertEquals(0.02, alert.get("reportProbability").asDouble(), 1e-9);
        assertTrue(alert.get("reason").asText().contains("0.96"), alert.get("reason").asText());
        assertEquals(DiscrepancyRules.IMAGE_POSITIVE_REPORT_NEGATIVE,
                new String(record.headers().lastHeader("pacs.alert-rule").value(), StandardCharsets.UTF_8));
        assertTrue(alerts.isEmpty());

        // a second image that changes nothing on the watched finding raises nothing new
        cv.pipeInput("ACC4", image("ACC4", "1.5", "PA", "non-urgent", Map.of("pneumothorax", 0.5)), T0.plusSeconds(20));
        assertTrue(alerts.isEmpty());
        List<JsonNode> events = all(study);
        assertEquals(1, events.get(events.size() - 1).get("alerts").size());
    }

    @Test
    void theReverseAndUnwatchedFindings() throws Exception {
        cv.pipeInput("ACC5", image("ACC5", "1.5", "PA", "normal", Map.of("rib_fracture", 0.01, "cardiomegaly", 0.99)), T0);
        nlp.pipeInput("ACC5", report("ACC5", "R5", "final", "1", Map.of("rib_fracture", 0.95, "cardiomegaly", 0.0)), T0);
        JsonNode alert = JSON.readTree(alerts.readValue());
        assertEquals(DiscrepancyRules.REPORT_POSITIVE_IMAGE_NEGATIVE, alert.get("rule").asText());
        assertEquals("rib_fracture", alert.get("finding").get("code").asText());
        assertTrue(alerts.isEmpty(), "cardiomegaly is not watched");
    }

    @Test
    void aReportInTheNlpVocabularyMeetsAnImageInTheCvVocabularyOnTheRenamedFinding() throws Exception {
        XraydarResult image = XraydarResponseParser.parse(("{\"AI_urgency\":\"urgent\",\"AI_prediction\":"
                + "{\"cavity\":0.95,\"pneumothorax\":0.01}}").getBytes(StandardCharsets.UTF_8));
        XraydarResult report = XraydarResponseParser.parseNlp(("{\"AI_prediction\":{\"cavitating_lung_lesion\":0.02,"
                + "\"pneumothorax\":0.01,\"normal\":0.97,\"recommendation\":0.99}}").getBytes(StandardCharsets.UTF_8));
        cv.pipeInput("ACC20", FindingsEventBuilder.cv().engine("x-raydar-cv", "http://localhost/api/cv", false)
                .study("ACC20", null, null).image(Map.of("sopInstanceUid", "1.20", "viewPosition", "PA"))
                .result(image, new FindingThresholds(0.5, Map.of())).build(T0).getBytes(StandardCharsets.UTF_8), T0);
        nlp.pipeInput("ACC20", FindingsEventBuilder.nlp().engine("x-raydar-nlp", "http://localhost/api/nlp", false)
                .study("ACC20", null, null).report("R20", "final", "1")
                .result(report, new FindingThresholds(0.5, Map.of())).build(T0).getBytes(StandardCharsets.UTF_8), T0);

        List<JsonNode> raised = new java.util.ArrayList<>();
        while (!alerts.isEmpty()) {
            raised.add(JSON.readTree(alerts.readValue()));
        }
        assertEquals(List.of("cavity"), raised.stream().filter(a -> a.has("finding"))
                .map(a -> a.get("finding").get("code").asText()).toList(), raised.toString());
        assertEquals(DiscrepancyRules.IMAGE_POSITIVE_REPORT_NEGATIVE, raised.stream().filter(a -> a.has("finding"))
                .findFirst().orElseThrow().get("rule").asText());
        List<JsonNode> events = all(study);
        JsonNode last = events.get(events.size() - 1);
        assertEquals(0.02, row(last, "cavity").get("report").get("probability").asDouble(), 1e-9);
        assertTrue(last.get("findings").findValuesAsText("code").stream()
                .noneMatch(c -> c.equals("normal") || c.equals("recommendation")), "report labels are not findings");
        assertEquals("normal", last.get("urgency").get("report").asText(), "derived from the report's findings");
        assertTrue(last.get("urgency").get("reportDerived").asBoolean());
    }

    @Test
    void anUrgentImageRaisesAnAlertOnItsOwn() throws Exception {
        cv.pipeInput("ACC6", image("ACC6", "1.6", "PA", "critical", Map.of("pneumothorax", 0.5)), T0);
        TestRecord<String, byte[]> record = alerts.readRecord();
        FindingsSchema.assertValidAlert(new String(record.value(), StandardCharsets.UTF_8));
        JsonNode alert = JSON.readTree(record.value());
        assertEquals(DiscrepancyRules.URGENT_IMAGE, alert.get("rule").asText());
        assertEquals("critical", alert.get("urgency").asText());
        assertEquals("1.6", alert.get("image").get("sopInstanceUid").asText());
    }

    @Test
    void aCorrectedReportUpdatesTheStudyAndAnOlderVersionDoesNot() throws Exception {
        cv.pipeInput("ACC7", image("ACC7", "1.7", "PA", "normal", Map.of("pneumothorax", 0.95)), T0);
        nlp.pipeInput("ACC7", report("ACC7", "R7", "final", "1", Map.of("pneumothorax", 0.05)), T0);
        nlp.pipeInput("ACC7", report("ACC7", "R7", "corrected", "2", Map.of("pneumothorax", 0.97)), T0.plusSeconds(600));
        List<JsonNode> events = all(study);
        JsonNode corrected = events.get(events.size() - 1);
        assertEquals("corrected", corrected.get("report").get("status").asText());
        assertEquals(0.97, row(corrected, "pneumothorax").get("report").get("probability").asDouble(), 1e-9);
        assertEquals(0, corrected.get("alerts").size(), "the corrected report agrees with the image");

        nlp.pipeInput("ACC7", report("ACC7", "R7", "final", "1", Map.of("pneumothorax", 0.05)), T0.plusSeconds(700));
        assertTrue(study.isEmpty(), "an older report version arriving late changes nothing");
    }

    @Test
    void aResentImageChangesNothing() throws Exception {
        byte[] event = image("ACC8", "1.8", "PA", "normal", Map.of("pneumothorax", 0.3));
        cv.pipeInput("ACC8", event, T0);
        cv.pipeInput("ACC8", event, T0.plusSeconds(5));
        assertEquals(1, all(study).size());
    }

    @Test
    void aStudyClosesAfterTheWindow() throws Exception {
        cv.pipeInput("ACC9", image("ACC9", "1.9", "PA", "normal", Map.of("pneumothorax", 0.95)), T0);
        study.readValue();
        // the wall-clock scan removes the study a week after its last event
        driver.advanceWallClockTime(Duration.ofDays(7).plusHours(2));
        nlp.pipeInput("ACC9", report("ACC9", "R9", "final", "1", Map.of("pneumothorax", 0.0)), T0.plus(Duration.ofDays(8)));
        JsonNode event = single(study);
        assertEquals(1, event.get("revision").asInt());
        assertEquals(0, event.get("images").size());
        assertTrue(alerts.isEmpty());
    }

    @Test
    void whatIsNotAFindingsEventGoesToTheDeadLetterTopic() {
        cv.pipeInput("ACC10", "not json".getBytes(StandardCharsets.UTF_8), T0);
        cv.pipeInput((String) null, image("ACC10", "1.10", "PA", "normal", Map.of()), T0);
        TestRecord<String, byte[]> first = deadLetters.readRecord();
        assertEquals("ACC10", first.key());
        String reason = new String(first.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("not JSON"), reason);
        assertEquals("cv", new String(first.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8));
        assertFalse(deadLetters.isEmpty());
        assertTrue(study.isEmpty());
    }

    @Test
    void theStateSurvivesARestartOfTheTopology() throws Exception {
        cv.pipeInput("ACC11", image("ACC11", "1.11", "PA", "normal", Map.of("pneumothorax", 0.95)), T0);
        byte[] state = driver.getKeyValueStore(StudyCorrelationTopology.STORE).get("ACC11") instanceof byte[] b ? b : null;
        assertTrue(state != null && state.length > 0);
        StudyState read = JSON.readValue(state, StudyState.class);
        assertEquals(1, read.images().size());
        assertEquals("ACC11", read.study().accessionNumber());
    }

    private JsonNode row(JsonNode studyEvent, String code) {
        for (JsonNode row : studyEvent.get("findings")) {
            if (row.get("code").asText().equals(code)) {
                return row;
            }
        }
        throw new AssertionError("no row " + code + " in " + studyEvent);
    }

    private static JsonNode single(TestOutputTopic<String, byte[]> topic) throws Exception {
        List<JsonNode> events = all(topic);
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    private static List<JsonNode> all(TestOutputTopic<String, byte[]> topic) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (byte[] value : topic.readValuesToList()) {
            FindingsSchema.assertValidStudy(new String(value, StandardCharsets.UTF_8));
            events.add(JSON.readTree(value));
        }
        return events;
    }

    static byte[] image(String accession, String sop, String view, String urgency, Map<String, Double> probabilities) {
        return FindingsEventBuilder.cv()
                .engine("x-raydar-simulator", "http://localhost/api/cv", true)
                .study(accession, "1.2.826.0.1." + accession.hashCode() % 1000 + 1000, "PID-" + accession)
                .image(view == null ? Map.of("sopInstanceUid", sop) : Map.of("sopInstanceUid", sop, "viewPosition", view))
                .result(result(urgency, probabilities), new FindingThresholds(0.5, Map.of()))
                .build(T0).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] report(String accession, String reportId, String status, String version, Map<String, Double> probabilities) {
        return FindingsEventBuilder.nlp()
                .engine("x-raydar-simulator", "http://localhost/api/nlp", true)
                .study(accession, null, null)
                .report(reportId, status, version)
                .result(result("normal", probabilities), new FindingThresholds(0.5, Map.of()))
                .build(T0).getBytes(StandardCharsets.UTF_8);
    }

    private static XraydarResult result(String urgency, Map<String, Double> probabilities) {
        return new XraydarResult(urgency, FindingCatalogue.all().stream()
                .map(f -> new XraydarResult.FindingProbability(f, probabilities.getOrDefault(f.code(), 0.0))).toList(),
                List.of(), List.of());
    }
}
