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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.camel.dicom.DicomConsumer;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.RoutingAttributes;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.ops.DeadLetterHeaders;
import org.pacsbridge.testing.CommittedOffsets;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.Simulators;
import org.pacsbridge.testing.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;
import org.pacsbridge.xraydar.simulator.FaultPlan;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * routes/xraydar-cv.yaml end to end: storescu → the node's SCP → spool → chest filter →
 * de-identified copy → X-Raydar simulator → findings event on the real broker; and the faults.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class XraydarCvRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CamelContext camel;

    @Inject
    RunningSimulator simulatorHandle;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.topic.findings-cv")
    String findingsTopic;

    @ConfigProperty(name = "pacs.deadletter.replay-group")
    String replayGroup;

    @ConfigProperty(name = "pacs.topic.deadletter")
    String deadLetterTopic;

    private XraydarSimulator simulator;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        simulator = Simulators.quiet(simulatorHandle);
        dir = Files.createTempDirectory("pacs-cv-test");
    }

    @AfterEach
    void clearFaults() {
        Simulators.clearFaults(simulatorHandle);
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
        // the image has left the spool with its event: a dead letter of it would have been written before
        awaitSpoolEmpty();
        assertTrue(TopicReader.readAll(KafkaBrokerResource.bootstrapServers(), deadLetterTopic).stream()
                .noneMatch(r -> waiting.equals(r.key())), "an image that met an open circuit is not dead-lettered");
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
        // the replay commits a dead letter once its outcome is written: a second event would be out by then
        for (ConsumerRecord<String, String> letter : List.of(first, second)) {
            CommittedOffsets.awaitPast(KafkaBrokerResource.bootstrapServers(), replayGroup, letter.topic(),
                    letter.partition(), letter.offset(), Duration.ofSeconds(60));
        }
        assertEquals(1, TopicReader.readAll(KafkaBrokerResource.bootstrapServers(), findingsTopic).stream()
                .filter(r -> unauthorized.equals(r.key())).count(), "a replayed dead letter yields exactly one event");
    }

    @Test
    void anAttackersNameMrnAndDateInFreeTextNestedAndPrivateAttributesNeverReachXraydar() throws Exception {
        String accession = "ATT" + System.nanoTime();
        String uid = DicomFiles.newUid();
        int before = simulator.requestCount(XraydarSimulator.CV_PATH);
        send(dump2dcm(attackDump(uid, accession, "NO", DicomFiles.DX_FOR_PRESENTATION, "DX")));

        assertEquals(38, awaitEvent(accession).get("findings").size());
        assertEquals(before + 1, simulator.requestCount(XraydarSimulator.CV_PATH));
        byte[] sent = lastCvFile();
        String text = new String(sent, StandardCharsets.ISO_8859_1);
        for (String secret : List.of("Attacker", "Alice", ATTACK_MRN, ATTACK_DATE, accession, uid, "ACME")) {
            assertFalse(text.contains(secret), "the copy sent to X-Raydar contains " + secret);
        }
        Path received = Files.write(dir.resolve("received.dcm"), sent);
        String dump = Dcmtk.run(30, "dcmdump", "-Un", received.toString()).output();
        for (String secret : List.of("Attacker", "Alice", ATTACK_MRN, ATTACK_DATE)) {
            assertFalse(dump.contains(secret), "dcmdump shows " + secret + " in\n" + dump);
        }
        for (String tag : List.of("(0029,", "(0032,1030)", "(0032,1066)", "(0038,0050)", "(0040,0275)", "(0040,0310)",
                "(0040,1002)", "(0040,2004)", "(0040,4037)", "(0040,a160)", "(0028,3003)")) {
            assertFalse(dump.contains(tag), tag + " was sent:\n" + dump);
        }
        // what the model needs is there
        assertTrue(dump.contains("(0028,3006)"), dump);
        assertTrue(dump.contains("(7fe0,0010) OW 0102\\0304"), dump);
        RoutingAttributes copy;
        try (var in = new ByteArrayInputStream(sent)) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            copy = DataSetReader.read(in, TransferSyntax.of(meta.transferSyntaxUid()));
        }
        assertTrue(copy.patientId().startsWith("ANON-"), copy.patientId());
        assertEquals("DX", copy.modality());
        assertNotEquals(uid, copy.sopInstanceUid());
    }

    @Test
    void imagesThatMayCarryBurnedInTextAreDeadLetteredNotSent() throws Exception {
        int before = simulator.requestCount(XraydarSimulator.CV_PATH);
        String stated = "BURN" + System.nanoTime();
        send(dump2dcm(attackDump(DicomFiles.newUid(), stated, "YES", DicomFiles.DX_FOR_PRESENTATION, "DX")));
        // a secondary capture of a chest film that does not say: assumed to carry text
        String assumed = "SC" + System.nanoTime();
        send(dump2dcm(attackDump(DicomFiles.newUid(), assumed, null, "1.2.840.10008.5.1.4.1.1.7", "CR")));

        for (String accession : List.of(stated, assumed)) {
            ConsumerRecord<String, String> deadLetter = awaitDeadLetter(accession);
            assertEquals("burned-in-annotation", TopicReader.header(deadLetter, DeadLetterHeaders.REASON));
            assertEquals("xraydar-cv-call", TopicReader.header(deadLetter, "pacs.dlq.replay-route"));
            JsonNode reference = JSON.readTree(deadLetter.value());
            assertEquals("dicom-object", reference.get("type").asText());
            Path failed = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getSpool().objectsDir()
                    .getParent().resolve("failed");
            assertTrue(Files.isRegularFile(failed.resolve(reference.get("sopInstanceUid").asText() + "."
                    + reference.get("deadLetterId").asText() + ".dcm")), "the image is kept for a replay");
        }
        awaitSpoolEmpty();
        Thread.sleep(500);
        assertEquals(before, simulator.requestCount(XraydarSimulator.CV_PATH), "nothing was sent to X-Raydar");
        // both images have left the spool: a second dead letter of one would have been written before
        assertEquals(1, TopicReader.readAll(KafkaBrokerResource.bootstrapServers(), deadLetterTopic).stream()
                .filter(r -> stated.equals(r.key())).count(), "one dead letter");
        given().when().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "pacs_xraydar_burned_in_annotation_total{action=\"refused\",endpoint=\"cv\"} 2.0"));
    }

    private static final String ATTACK_NAME = "Attacker^Alice";
    private static final String ATTACK_MRN = "MRN99887766";
    private static final String ATTACK_DATE = "20250317";
    private static final String ATTACK_TEXT = ATTACK_NAME + " " + ATTACK_MRN + " " + ATTACK_DATE;

    /**
     * A chest radiograph with an attacker's name, MRN and date in free-text attributes the profile
     * removes, inside sequences (allowed and not) and in private attributes; dump2dcm input.
     */
    private static String attackDump(String uid, String accession, String burnedIn, String sopClass, String modality) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "(0008,0005) CS [ISO_IR 100]",
                "(0008,0008) CS [ORIGINAL\\PRIMARY]",
                "(0008,0016) UI [" + sopClass + "]",
                "(0008,0018) UI [" + uid + "]",
                "(0008,0020) DA [" + ATTACK_DATE + "]",
                "(0008,0050) SH [" + accession + "]",
                "(0008,0060) CS [" + modality + "]",
                "(0008,0068) CS [FOR PRESENTATION]",
                "(0008,2218) SQ (Sequence #=1)",
                "(fffe,e000) na (Item #=3)",
                "(0008,0100) SH [T-D3000]",
                "(0008,0102) SH [SRT]",
                "(0008,0104) LO [" + ATTACK_NAME + "]",
                "(fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem)",
                "(0010,0010) PN [" + ATTACK_NAME + "]",
                "(0010,0020) LO [" + ATTACK_MRN + "]",
                "(0010,0030) DA [" + ATTACK_DATE + "]",
                "(0018,0015) CS [CHEST]",
                "(0018,5101) CS [PA]",
                "(0020,000d) UI [" + DicomFiles.newUid() + "]",
                "(0020,000e) UI [" + DicomFiles.newUid() + "]",
                "(0028,0002) US 1",
                "(0028,0004) CS [MONOCHROME2]",
                "(0028,0010) US 2",
                "(0028,0011) US 2",
                "(0028,0100) US 16",
                "(0028,0101) US 12",
                "(0028,0102) US 11",
                "(0028,0103) US 0"));
        if (burnedIn != null) {
            lines.add("(0028,0301) CS [" + burnedIn + "]");
        }
        lines.addAll(List.of(
                "(0028,3010) SQ (Sequence #=1)",
                "(fffe,e000) na (Item #=4)",
                "(0010,0010) PN [" + ATTACK_NAME + "]",
                "(0028,3002) US 2\\0\\16",
                "(0028,3003) LO [" + ATTACK_TEXT + "]",
                "(0028,3006) US 0\\4095",
                "(fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem)",
                "(0029,0010) LO [ACME]",
                "(0029,1001) LO [" + ATTACK_TEXT + "]",
                "(0029,1002) SQ (Sequence #=1)",
                "(fffe,e000) na (Item #=1)",
                "(0010,0020) LO [" + ATTACK_MRN + "]",
                "(fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem)",
                "(0032,1030) LO [" + ATTACK_TEXT + "]",
                "(0032,1066) UT [" + ATTACK_TEXT + "]",
                "(0038,0050) LO [" + ATTACK_TEXT + "]",
                "(0040,0275) SQ (Sequence #=1)",
                "(fffe,e000) na (Item #=2)",
                "(0040,1002) LO [" + ATTACK_TEXT + "]",
                "(0040,2004) DA [" + ATTACK_DATE + "]",
                "(fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem)",
                "(0040,0310) ST [" + ATTACK_TEXT + "]",
                "(0040,0555) SQ (Sequence #=1)",
                "(fffe,e000) na (Item #=1)",
                "(0040,a160) UT [" + ATTACK_TEXT + "]",
                "(fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem)",
                "(0040,1002) LO [" + ATTACK_TEXT + "]",
                "(0040,2004) DA [" + ATTACK_DATE + "]",
                "(0040,2005) TM [101010]",
                "(0040,4037) PN [" + ATTACK_NAME + "]",
                "(0040,a160) UT [" + ATTACK_TEXT + "]",
                "(7fe0,0010) OW 0102\\0304\\0506\\0708",
                ""));
        return String.join("\n", lines);
    }

    private Path dump2dcm(String dump) throws Exception {
        Path text = Files.writeString(dir.resolve("attack-" + System.nanoTime() + ".dump"), dump, StandardCharsets.ISO_8859_1);
        Path file = dir.resolve(text.getFileName() + ".dcm");
        var made = Dcmtk.run(30, "dump2dcm", "+te", text.toString(), file.toString());
        assertTrue(made.ok(), made.output());
        return file;
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
