package org.pacsbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.camel.dicom.DicomConsumer;
import org.pacsbridge.testing.CommittedOffsets;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.Simulators;
import org.pacsbridge.testing.TopicReader;
import org.pacsbridge.xraydar.simulator.FaultPlan;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * A dead letter is an outcome that a later event supersedes: an input dead-lettered and then sent
 * again gets one event, and the replay of its old dead letter gives it no second one; two dead
 * letters of one image each keep their own object. Events are read committed, as downstream
 * systems read them.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class DeadLetterSettledTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    DeadLetterReplay replay;

    @Inject
    RunningSimulator simulatorHandle;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.topic.findings-cv")
    String cvTopic;

    @ConfigProperty(name = "pacs.topic.findings-nlp")
    String nlpTopic;

    @ConfigProperty(name = "pacs.topic.deadletter")
    String deadLetterTopic;

    @ConfigProperty(name = "pacs.topic.reports")
    String reportsTopic;

    @ConfigProperty(name = "pacs.reports.consumer-group")
    String reportsGroup;

    @ConfigProperty(name = "pacs.deadletter.replay-group")
    String replayGroup;

    private XraydarSimulator simulator;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        simulator = Simulators.quiet(simulatorHandle);
        dir = Files.createTempDirectory("pacs-deadletter-settled");
    }

    @AfterEach
    void clearFaults() {
        Simulators.clearFaults(simulatorHandle);
    }

    @Test
    void anImageSentAgainAfterItsDeadLetterHasOneEventAndTheReplaySkipsTheOldDeadLetter() throws Exception {
        String accession = "RESENT" + System.nanoTime();
        String uid = DicomFiles.newUid();
        Path file = DicomFiles.image(dir, DicomFiles.DX_CHEST, uid, accession, 16, 16, 16);
        simulator.faults(FaultPlan.builder().unauthorizedNext(1).build());
        send(file);
        List<ConsumerRecord<String, String>> letters = awaitRecords(deadLetterTopic, accession, 1);
        awaitSpoolEmpty();

        simulator.clearFaults();
        send(file);
        awaitRecords(cvTopic, accession, 1);
        awaitSpoolEmpty();
        int calls = simulator.requestCount(XraydarSimulator.CV_PATH);

        replayPast(letters);
        assertEquals(1, records(cvTopic, accession).size(), "one findings event for the image");
        assertTrue(replay.status().skipped() >= 1,
                "the dead letter is skipped and counted: " + replay.status());
        assertEquals(calls, simulator.requestCount(XraydarSimulator.CV_PATH),
                "the skipped dead letter's image is not sent to X-Raydar again");
        assertEquals(List.of(), keptFiles(uid), "the skipped dead letter's object is no longer kept");
    }

    @Test
    void twoDeadLettersOfOneImageKeepTwoObjectsAndTheReplayGivesOneEvent() throws Exception {
        String accession = "TWICE" + System.nanoTime();
        String uid = DicomFiles.newUid();
        Path file = DicomFiles.image(dir, DicomFiles.DX_CHEST, uid, accession, 16, 16, 16);
        simulator.faults(FaultPlan.builder().unauthorizedNext(1).build());
        send(file);
        awaitRecords(deadLetterTopic, accession, 1);
        awaitSpoolEmpty();
        simulator.faults(FaultPlan.builder().unauthorizedNext(1).build());
        send(file);
        List<ConsumerRecord<String, String>> letters = awaitRecords(deadLetterTopic, accession, 2);
        awaitSpoolEmpty();

        Object firstId = JSON.readValue(letters.get(0).value(), Map.class).get("deadLetterId");
        Object secondId = JSON.readValue(letters.get(1).value(), Map.class).get("deadLetterId");
        assertNotEquals(firstId, secondId, "each dead letter names its own object");
        assertEquals(2, keptFiles(uid).size(), "one object per dead letter: " + keptFiles(uid));
        for (Object id : List.of(firstId, secondId)) {
            assertTrue(Files.isRegularFile(failedDir().resolve(uid + "." + id + ".dcm")), "the object of dead letter " + id);
        }

        simulator.clearFaults();
        replayPast(letters);
        awaitRecords(cvTopic, accession, 1);
        assertEquals(1, records(cvTopic, accession).size(), "two dead letters of one image give it one event");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> keptFiles(uid).isEmpty());
        assertEquals(List.of(), records(deadLetterTopic, accession).stream()
                .filter(r -> String.valueOf(TopicReader.header(r, DeadLetterHeaders.REASON)).startsWith("replay parked"))
                .toList(), "neither dead letter is parked for a missing object");
    }

    @Test
    void aReportSentAgainAfterItsDeadLetterIsADuplicateAndTheReplayGivesItOneEvent() throws Exception {
        String accession = "NLPDL" + System.nanoTime();
        String report = Hl7Reports.chestOru(accession, "C" + accession, "F", 5, "Left lower lobe consolidation.");
        simulator.faults(FaultPlan.builder().unauthorizedNext(1).build());
        producer.sendBodyAndHeader("kafka:" + reportsTopic, report, KafkaConstants.KEY, accession);
        List<ConsumerRecord<String, String>> letters = awaitRecords(deadLetterTopic, accession, 1);

        simulator.clearFaults();
        producer.sendBodyAndHeader("kafka:" + reportsTopic, report, KafkaConstants.KEY, accession);
        // the copy is the later of the two records of this key (one partition); the reports consumer
        // commits it only once its outcome, if it has one, is written
        ConsumerRecord<String, String> copy = awaitRecords(reportsTopic, accession, 2).stream()
                .max(Comparator.comparingLong(ConsumerRecord::offset)).orElseThrow();
        CommittedOffsets.awaitPast(KafkaBrokerResource.bootstrapServers(), reportsGroup, copy.topic(),
                copy.partition(), copy.offset(), Duration.ofSeconds(60));
        assertEquals(0, records(nlpTopic, accession).size(), "the report version has its outcome: the dead letter");
        assertEquals(1, records(deadLetterTopic, accession).size(), "and it is not dead-lettered twice");

        replayPast(letters);
        awaitRecords(nlpTopic, accession, 1);
        // the replay is past the dead letter (its event written), so a second replay starts after it
        replayAll();
        assertEquals(1, records(nlpTopic, accession).size(), "the replayed dead letter gives the report one event");
    }

    /** Replays every dead letter written so far; a dead letter written after the start makes the replay stop. */
    private DeadLetterReplay.Status replayAll() throws Exception {
        replay.start();
        return stopReplay();
    }

    private DeadLetterReplay.Status stopReplay() {
        Map<String, Object> headers = new HashMap<>();
        headers.put(KafkaConstants.KEY, "REPLAY-END");
        headers.put(DeadLetterHeaders.REASON, "written after the replay started");
        producer.sendBodyAndHeaders("direct:deadletter", "{}", headers);
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> "stopped".equals(replay.status().state()));
        return replay.status();
    }

    private void send(Path file) throws Exception {
        var result = Dcmtk.storescu(aeTitle, consumer().getLocalPort(), List.of(), file);
        assertTrue(result.ok(), result.output());
    }

    private List<ConsumerRecord<String, String>> awaitRecords(String topic, String key, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> records(topic, key).size() >= count);
        return records(topic, key);
    }

    /**
     * Replays the dead letters written so far, and stops the replay once it has gone past each of these. The
     * stopping dead letter is written only then: a replay stops at the first dead letter written after its
     * start that it meets in any partition, which may come before older ones in other partitions.
     */
    private void replayPast(List<ConsumerRecord<String, String>> letters) throws Exception {
        replay.start();
        awaitReplayedPast(letters);
        stopReplay();
    }

    /**
     * Waits until the replay has committed past each dead letter: it commits one only once the dead
     * letter's outcome (an event, a skip, a new dead letter) is written, so a second event from it would
     * be on the topic by then.
     */
    private void awaitReplayedPast(List<ConsumerRecord<String, String>> letters) {
        for (ConsumerRecord<String, String> letter : letters) {
            CommittedOffsets.awaitPast(KafkaBrokerResource.bootstrapServers(), replayGroup, letter.topic(),
                    letter.partition(), letter.offset(), Duration.ofSeconds(60));
        }
    }

    private static List<ConsumerRecord<String, String>> records(String topic, String key) {
        return TopicReader.readAll(KafkaBrokerResource.bootstrapServers(), topic).stream()
                .filter(r -> key.equals(r.key())).toList();
    }

    private Path failedDir() {
        return consumer().getSpool().objectsDir().getParent().resolve("failed");
    }

    private List<Path> keptFiles(String uid) throws Exception {
        if (!Files.isDirectory(failedDir())) {
            return List.of();
        }
        try (var files = Files.list(failedDir())) {
            return files.filter(f -> f.getFileName().toString().startsWith(uid + ".")).toList();
        }
    }

    private DicomConsumer consumer() {
        return (DicomConsumer) camel.getRoute("dicom-ingest").getConsumer();
    }

    private void awaitSpoolEmpty() {
        Path objects = consumer().getSpool().objectsDir();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var files = Files.list(objects)) {
                return files.findAny().isEmpty();
            }
        });
    }
}
