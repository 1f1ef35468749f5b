package org.pacsbridge.tcia;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.tcia.TciaTestData.Series;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.FindingsSchema;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.TopicReader;
import org.pacsbridge.xraydar.simulator.FaultPlan;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * Reference images end to end: a TCIA series whose getImage archive holds a chest radiograph (built
 * by DicomFiles) is fetched within the byte budget, unpacked, read by the X-Raydar simulator and
 * published on pacs.findings.reference keyed by its Series Instance UID — once, across runs.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = TciaDoubleResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "collections", value = TciaTestData.RICORD),
        @ResourceArg(name = "images", value = "true"),
        @ResourceArg(name = "byte-budget", value = "10000000") })
class TciaSyncReferenceImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Declares 50 MB: more than the whole budget. */
    private static final String TOO_LARGE = "1.3.6.1.4.1.14519.5.2.1.99.1071.20000000000000000000000000099";

    @Inject
    ProducerTemplate producer;

    @Inject
    RunningSimulator simulatorHandle;

    @ConfigProperty(name = "pacs.topic.findings-reference")
    String referenceTopic;

    private TciaTestServer server;
    private XraydarSimulator simulator;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        server = TciaDoubleResource.server();
        simulator = simulatorHandle.simulator().orElseThrow();
        simulator.clearFaults();
        dir = Files.createTempDirectory("tcia-reference-test");
        server.archive().put(series(TOO_LARGE, "DX", "CHEST", 50_000_000L));
    }

    @AfterEach
    void tearDown() {
        simulator.clearFaults();
    }

    @Test
    void aReferenceChestRadiographIsReadOnceAndItsFindingsAreKeyedByItsSeries() throws Exception {
        String sop = DicomFiles.newUid();
        String seriesUid = offer(sop, "REF1");
        int cvCalls = simulator.requestCount(XraydarSimulator.CV_PATH);

        sync(true);

        ConsumerRecord<String, String> record = onlyFindings(seriesUid);
        FindingsSchema.assertValid(record.value());
        JsonNode event = JSON.readTree(record.value());
        assertEquals("cv", event.get("source").asText());
        assertEquals("tcia", event.get("reference").get("archive").asText());
        assertEquals(TciaTestData.RICORD, event.get("reference").get("collection").asText());
        assertEquals(seriesUid, event.get("reference").get("seriesInstanceUid").asText());
        assertEquals(sop, event.get("image").get("sopInstanceUid").asText());
        assertTrue(event.get("engine").get("simulated").asBoolean());
        assertEquals(38, event.get("findings").size());
        assertEquals("tcia", TopicReader.header(record, TciaReferenceFindings.REFERENCE_HEADER));
        assertEquals(cvCalls + 1, simulator.requestCount(XraydarSimulator.CV_PATH));
        assertTrue(Files.isRegularFile(TciaDoubleResource.imagesDir().resolve(seriesUid).resolve("00000001.dcm")));
        assertEquals(List.of(), server.received("/getImage").stream()
                .filter(r -> TOO_LARGE.equals(r.query().get("SeriesInstanceUID"))).toList(),
                "a series larger than the budget is not fetched");
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pacs_tcia_bytes_downloaded_total ")
                && Double.parseDouble(l.substring(l.indexOf(' ') + 1)) > 0), "bytes downloaded are counted");
        assertTrue(metrics.contains("pacs_findings_published_total{source=\"reference\"}"));

        int imageRequests = server.received("/getImage").size();
        sync(false);

        assertEquals(cvCalls + 1, simulator.requestCount(XraydarSimulator.CV_PATH), "an image is read once");
        assertEquals(imageRequests, server.received("/getImage").size(), "a series on disk is not fetched again");
        assertEquals(1, findings(seriesUid).size());

        server.archive().remove(seriesUid);
        sync(true);
        assertFalse(Files.exists(TciaDoubleResource.imagesDir().resolve(seriesUid)),
                "a series TCIA withdrew is deleted from disk");
    }

    @Test
    void anImageXraydarCouldNotReadIsTriedAgainOnTheNextRun() throws Exception {
        String seriesUid = offer(DicomFiles.newUid(), "REF2");
        simulator.faults(FaultPlan.builder().unauthorizedNext(1).build());
        int cvCalls = simulator.requestCount(XraydarSimulator.CV_PATH);

        sync(true);

        assertEquals(cvCalls + 1, simulator.requestCount(XraydarSimulator.CV_PATH));
        assertEquals(List.of(), findings(seriesUid));
        assertTrue(given().when().get("/q/metrics").then().extract().asString().lines()
                .anyMatch(l -> l.startsWith("pacs_tcia_sync_errors_total{kind=\"cv\"} ") && !l.endsWith(" 0.0")));

        simulator.clearFaults();
        sync(false);

        assertEquals(1, findings(seriesUid).size());
        assertEquals(cvCalls + 2, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    /** Puts a series with one DX chest radiograph into the archive; returns its Series Instance UID. */
    private String offer(String sop, String accession) throws Exception {
        Path file = DicomFiles.image(dir, DicomFiles.DX_CHEST, sop, accession, 64, 64, 16);
        String seriesUid;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            seriesUid = DataSetReader.read(in, TransferSyntax.of(meta.transferSyntaxUid())).seriesInstanceUid();
        }
        server.archive().put(series(seriesUid, "DX", "CHEST", Files.size(file)));
        server.archive().images(seriesUid, List.of(Files.readAllBytes(file)));
        return seriesUid;
    }

    private void sync(boolean full) {
        producer.requestBodyAndHeader("direct:tcia-sync", null, TciaSyncService.FULL_HEADER, full);
    }

    private ConsumerRecord<String, String> onlyFindings(String seriesUid) {
        List<ConsumerRecord<String, String>> matching = findings(seriesUid);
        assertEquals(1, matching.size(), "findings for series " + seriesUid);
        return matching.get(0);
    }

    private List<ConsumerRecord<String, String>> findings(String seriesUid) {
        return TopicContents.read(KafkaBrokerResource.bootstrapServers(), referenceTopic).stream()
                .filter(r -> seriesUid.equals(r.key())).toList();
    }

    private static Series series(String uid, String modality, String bodyPart, long size) {
        LocalDateTime released = LocalDateTime.now(ZoneOffset.UTC);
        return new Series(uid, TciaTestData.STUDY_1, "A000123", TciaTestData.RICORD, modality, bodyPart,
                "Carestream Health", "DRX-1", "PA", 1, size, LocalDate.of(2020, 5, 1), released, released);
    }
}
