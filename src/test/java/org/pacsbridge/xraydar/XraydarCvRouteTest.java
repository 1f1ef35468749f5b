package org.pacsbridge.xraydar;

import static org.pacsbridge.testing.AdminCredentials.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pacsbridge.camel.dicom.DicomConsumer;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.RoutingAttributes;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.ops.DeadLetterHeaders;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * routes/xraydar-cv.yaml end to end: storescu → the node's SCP → spool → chest filter →
 * de-identified copy → X-Raydar simulator → findings event on the real broker; and the faults.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class XraydarCvRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CamelContext camel;

    @Inject
    XraydarBeans.SimulatorHandle simulatorHandle;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.topic.findings-cv")
    String findingsTopic;

    @ConfigProperty(name = "pacs.topic.deadletter")
    String deadLetterTopic;

    private XraydarSimulator simulator;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        simulator = simulatorHandle.simulator().orElseThrow();
        simulator.clearFaults();
        // a request held by an earlier test's fault must not be counted as this test's
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> simulator.inFlight() == 0);
        dir = Files.createTempDirectory("pacs-cv-test");
    }

    @AfterEach
    void clearFaults() {
        if (simulator != null) {
            simulator.clearFaults();
        }
    }

    @Test
    void aChestRadiographYieldsOneEventWithAllFindingsFromADeidentifiedCopy() throws Exception {
        String accession = "CV" + System.nanoTime();
        String uid = DicomFiles.newUid();
        Path file = DicomFiles.image(dir, DicomFiles.DX_CHEST, uid, accession, 64, 64, 16);
        int before = simulator.requestCount(XraydarSimulator.CV_PATH);
        send(file);

        JsonNode event = awaitEvent(accession);
        assertEquals("pacs-bridge.findings/v1", event.get("schema").asText());
        assertEquals("cv", event.get("source").asText());
        assertTrue(event.get("engine").get("simulated").asBoolean());
        assertEquals("x-raydar-simulator", event.get("engine").get("name").asText());
        assertEquals(38, event.get("findings").size());
        assertEquals(uid, event.get("image").get("sopInstanceUid").asText());
        assertEquals("DX", event.get("image").get("modality").asText());
        assertTrue(event.get("timing").get("latencyMs").asLong() >= 0);
        assertEquals(before + 1, simulator.requestCount(XraydarSimulator.CV_PATH));

        // what left the node carries none of the original identifiers
        byte[] sent = lastCvFile();
        String text = new String(sent, StandardCharsets.ISO_8859_1);
        for (String identifier : List.of("TEST^PATIENT", accession, "PID-" + accession, uid, "19610203",
                "GENERAL HOSPITAL", "REFERRER")) {
            assertFalse(text.contains(identifier), "the copy sent to X-Raydar contains " + identifier);
        }
        RoutingAttributes copy;
        try (var in = new ByteArrayInputStream(sent)) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            copy = DataSetReader.read(in, TransferSyntax.of(meta.transferSyntaxUid()));
        }
        assertEquals("DX", copy.modality());
        assertEquals(DicomFiles.DX_FOR_PRESENTATION, copy.sopClassUid());
        assertNotEquals(uid, copy.sopInstanceUid());
        assertTrue(copy.accessionNumber() == null || copy.accessionNumber().isEmpty());
        assertTrue(copy.patientId().startsWith("ANON-"), copy.patientId());

        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("pacs_xraydar_calls_total{endpoint=\"cv\",outcome=\"success\"}"))
                .body(org.hamcrest.Matchers.containsString("pacs_xraydar_call_duration_seconds_bucket{endpoint=\"cv\""))
                .body(org.hamcrest.Matchers.containsString("pacs_findings_published_total{source=\"cv\"}"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'x-raydar' }.data.'cv.circuit'", org.hamcrest.Matchers.equalTo("closed"))
                .body("checks.find { it.name == 'x-raydar' }.data.simulated", org.hamcrest.Matchers.equalTo(true));

        // the same instance again is not sent twice
        send(file);
        awaitSpoolEmpty();
        Thread.sleep(500);
        assertEquals(before + 1, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    @Test
    void aCtAndAHandRadiographAreNotSent() throws Exception {
        int before = simulator.requestCount(XraydarSimulator.CV_PATH);
        send(DicomFiles.image(dir, DicomFiles.CT_CHEST, DicomFiles.newUid(), "CT1", 16, 16, 16));
        send(DicomFiles.image(dir, DicomFiles.DX_HAND, DicomFiles.newUid(), "HAND1", 16, 16, 16));
        awaitSpoolEmpty();
        Thread.sleep(300);
        assertEquals(before, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    @Test
    void transientFaultsEndInAnEvent() throws Exception {
        for (FaultPlan fault : List.of(
                FaultPlan.builder().failNext(2, 503).build(),
                FaultPlan.builder().rateLimitNext(1, Duration.ofSeconds(1)).build(),
                FaultPlan.builder().hangNext(1, Duration.ofSeconds(4)).build())) {
            simulator.faults(fault);
            String accession = "T" + System.nanoTime();
            send(DicomFiles.image(dir, DicomFiles.DX_CHEST, DicomFiles.newUid(), accession, 16, 16, 16));
            JsonNode event = awaitEvent(accession);
            assertEquals(38, event.get("findings").size(), "after " + fault);
        }
    }

    @Test
    void whileTheCircuitIsOpenImagesWaitInTheSpoolInsteadOfBeingDeadLettered() throws Exception {
        simulator.faults(FaultPlan.builder().failNext(1000, 503).build());
        // two images exhaust their retries and open the circuit (5 failures in a row)
        for (int i = 0; i < 2; i++) {
            String accession = "OPEN" + i + "-" + System.nanoTime();
            send(DicomFiles.image(dir, DicomFiles.DX_CHEST, DicomFiles.newUid(), accession, 16, 16, 16));
            awaitDeadLetter(accession);
        }
        String waiting = "WAIT" + System.nanoTime();
        send(DicomFiles.image(dir, DicomFiles.DX_CHEST, DicomFiles.newUid(), waiting, 16, 16, 16));
        Thread.sleep(1000);
        simulator.clearFaults();
        assertEquals(38, awaitEvent(waiting).get("findings").size());
        assertTrue(TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), deadLetterTopic, r -> false,
                Duration.ofSeconds(2)).stream().noneMatch(r -> waiting.equals(r.key())),
                "an image that met an open circuit is not dead-lettered");
    }

    @Test
    void permanentFaultsAreDeadLetteredAndReplayedOnceFixed() throws Exception {
        String unauthorized = "U" + System.nanoTime();
        simulator.faults(FaultPlan.builder().unauthorizedNext(1).build());
        send(DicomFiles.image(dir, DicomFiles.DX_CHEST, DicomFiles.newUid(), unauthorized, 16, 16, 16));
        ConsumerRecord<String, String> first = awaitDeadLetter(unauthorized);
        assertEquals("401", TopicReader.header(first, XraydarFailureHeaders.HTTP_STATUS));
        assertEquals("UNAUTHORIZED", TopicReader.header(first, XraydarFailureHeaders.KIND));
        assertTrue(TopicReader.header(first, DeadLetterHeaders.REASON).startsWith("X-Raydar CV unauthorized"));

        String malformed = "M" + System.nanoTime();
        simulator.faults(FaultPlan.builder().malformedNext(1, FaultPlan.Malformation.PROBABILITY_OUT_OF_RANGE).build());
        send(DicomFiles.image(dir, DicomFiles.DX_CHEST, DicomFiles.newUid(), malformed, 16, 16, 16));
        ConsumerRecord<String, String> second = awaitDeadLetter(malformed);
        assertEquals("CONTRACT", TopicReader.header(second, XraydarFailureHeaders.KIND));
        awaitSpoolEmpty();

        simulator.clearFaults();
        asAdmin().when().post("/admin/deadletters/replay").then().statusCode(200);
        assertEquals(38, awaitEvent(unauthorized).get("findings").size());
        assertEquals(38, awaitEvent(malformed).get("findings").size());
        Thread.sleep(1000);
        assertEquals(1, TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), findingsTopic, r -> false,
                Duration.ofSeconds(3)).stream().filter(r -> unauthorized.equals(r.key())).count(),
                "a replayed dead letter yields exactly one event");
    }

    private void send(Path file) throws Exception {
        int port = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getLocalPort();
        var result = Dcmtk.storescu(aeTitle, port, List.of(), file);
        assertTrue(result.ok(), result.output());
    }

    private JsonNode awaitEvent(String accession) throws Exception {
        Optional<ConsumerRecord<String, String>> record = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(),
                findingsTopic, r -> accession.equals(r.key()), Duration.ofSeconds(60)).stream()
                .filter(r -> accession.equals(r.key())).findFirst();
        String value = record.orElseThrow(() -> new AssertionError("no findings event for " + accession)).value();
        org.pacsbridge.testing.FindingsSchema.assertValid(value);
        return JSON.readTree(value);
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String accession) {
        return TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), deadLetterTopic,
                r -> accession.equals(r.key()), Duration.ofSeconds(60)).stream()
                .filter(r -> accession.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + accession));
    }

    private byte[] lastCvFile() {
        List<XraydarSimulator.ReceivedFile> received = simulator.received().stream()
                .filter(f -> XraydarSimulator.CV_PATH.equals(f.path())).toList();
        return received.get(received.size() - 1).content();
    }

    private void awaitSpoolEmpty() {
        Path objects = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getSpool().objectsDir();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var files = Files.list(objects)) {
                return files.findAny().isEmpty();
            }
        });
    }
}
