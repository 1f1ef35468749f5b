package org.pacsbridge.xraydar;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.camel.dicom.DicomConsumer;
import org.pacsbridge.ops.DeadLetterHeaders;
import org.pacsbridge.testing.AdminCredentials;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.MllpPortResource;
import org.pacsbridge.testing.NodeLimitsProfile;
import org.pacsbridge.testing.TopicReader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;
import org.pacsbridge.xraydar.simulator.FaultPlan;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * X-Raydar down (every call 503) for 12 s, then failing half of its calls for 6 s, while images and
 * reports keep coming ({@code -Dpacs.test.xraydar-outage-seconds=60}, the {@code full} Maven profile: a
 * minute down and 30 s half-failing). Policy (pacs.xraydar.*, shortened by NodeLimitsProfile): a call is
 * retried with backoff up to max-attempts, then the input is dead-lettered with reason headers; while the
 * circuit is open the input waits (spool / topic) and is tried again. Afterwards each image and report has exactly
 * one findings event or one dead letter; replaying the dead letters gives each of those its one
 * findings event.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(MllpPortResource.class)
@TestProfile(NodeLimitsProfile.class)
class XraydarOutageTest {

    private static final int PER_PHASE = 12;
    /** Over twice the circuit's open duration (5 s here), so that it opens and half-opens more than once. */
    private static final Duration DOWN = Duration.ofSeconds(Long.getLong("pacs.test.xraydar-outage-seconds", 12));
    private static final Duration POLL = Duration.ofMillis(500);
    /**
     * How long a settled input is watched for a second outcome: longer than the circuit's open duration
     * (5 s) plus the longest backoff (500 ms), within which work held back is tried again.
     */
    private static final Duration QUIET = Duration.ofSeconds(6);

    @Inject
    CamelContext camel;

    @Inject
    RunningSimulator simulatorHandle;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.topic.findings-cv")
    String cvTopic;

    @ConfigProperty(name = "pacs.topic.findings-nlp")
    String nlpTopic;

    @ConfigProperty(name = "pacs.topic.deadletter")
    String deadLetterTopic;

    @AfterEach
    void clearFaults() {
        simulatorHandle.simulator().ifPresent(XraydarSimulator::clearFaults);
    }

    @Test
    void workWaitsOrIsDeadLetteredDuringTheOutageAndReplayCompletesIt() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        XraydarSimulator simulator = simulatorHandle.simulator().orElseThrow();
        String run = Long.toString(System.nanoTime(), 36).toUpperCase();
        Path dir = Files.createTempDirectory("pacs-xraydar-outage");
        List<String> images = new ArrayList<>();
        List<String> reports = new ArrayList<>();

        // down: every call answered 503
        simulator.faults(FaultPlan.builder().failNext(Integer.MAX_VALUE, 503).build());
        sendStream(dir, "XD" + run, images, reports, DOWN);
        // half of the calls fail, for half as long
        simulator.faults(FaultPlan.builder().failRatio(0.5, 503).build());
        sendStream(dir, "XH" + run, images, reports, DOWN.dividedBy(2));
        simulator.clearFaults();

        // each input: exactly one event or exactly one dead letter
        List<Outcomes> settled = awaitOutcomes(images, reports);
        Outcomes cv = settled.get(0);
        Outcomes nlp = settled.get(1);
        for (Outcomes outcomes : settled) {
            assertEquals(List.of(), outcomes.unsettled(), "inputs with neither an event nor a dead letter");
            assertEquals(List.of(), outcomes.settledTwice(), "inputs with more than one outcome");
        }
        assertTrue(cv.deadLettered().size() + nlp.deadLettered().size() > 0, "the outage dead-lettered some work");
        assertTrue(cv.events().size() > 0 && nlp.events().size() > 0, "some work waited and completed");
        for (ConsumerRecord<String, String> letter : cv.letters()) {
            assertTrue(TopicReader.header(letter, DeadLetterHeaders.REASON).startsWith("X-Raydar"),
                    "a reason: " + TopicReader.header(letter, DeadLetterHeaders.REASON));
            assertEquals("503", TopicReader.header(letter, XraydarFailureHeaders.HTTP_STATUS));
            assertTrue(TopicReader.header(letter, XraydarFailureHeaders.KIND) != null, "a failure kind");
        }
        for (ConsumerRecord<String, String> letter : nlp.letters()) {
            assertTrue(TopicReader.header(letter, DeadLetterHeaders.REASON).startsWith("X-Raydar"),
                    "a reason: " + TopicReader.header(letter, DeadLetterHeaders.REASON));
        }

        // replay: every dead-lettered input gets its one event, and no input gets a second
        AdminCredentials.asAdmin().when().post("/admin/deadletters/replay").then().statusCode(200);
        awaitEvents(cvTopic, images);
        awaitEvents(nlpTopic, reports);
        Thread.sleep(QUIET.toMillis());
        Map<String, Long> cvEvents = count(cvTopic, images);
        Map<String, Long> nlpEvents = count(nlpTopic, reports);
        assertEquals(List.of(), images.stream().filter(i -> cvEvents.getOrDefault(i, 0L) != 1).toList(),
                "images without exactly one findings event after the replay: " + cvEvents);
        assertEquals(List.of(), reports.stream().filter(r -> nlpEvents.getOrDefault(r, 0L) != 1).toList(),
                "reports without exactly one findings event after the replay: " + nlpEvents);
    }

    /** {@value #PER_PHASE} × 2 images (each its own accession) and {@value #PER_PHASE} reports, spread over the phase. */
    private void sendStream(Path dir, String prefix, List<String> images, List<String> reports, Duration length)
            throws Exception {
        int port = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getLocalPort();
        long start = System.nanoTime();
        long step = length.toNanos() / (PER_PHASE * 2);
        for (int i = 0; i < PER_PHASE * 2; i++) {
            String accession = prefix + "I" + i;
            Path file = DicomFiles.image(Files.createDirectories(dir.resolve(accession)), DicomFiles.DX_CHEST,
                    DicomFiles.newUid(), accession, 32, 32, 16);
            var result = Dcmtk.storescu(aeTitle, port, List.of(), file);
            assertTrue(result.ok(), "C-STORE accepted while X-Raydar is away: " + result.output());
            images.add(accession);
            if (i % 2 == 0) {
                String report = prefix + "R" + i;
                try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
                    String ack = client.send(Hl7Reports.chestOru(report, "C" + report, "F", 5,
                            "Left lower lobe consolidation."));
                    assertEquals("AA", MllpClient.ackCode(ack), "a report is stored while X-Raydar is away");
                }
                reports.add(report);
            }
            long wait = start + (i + 1) * step - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
        }
    }

    private record Outcomes(Map<String, Long> events, Map<String, Long> deadLettered,
            List<ConsumerRecord<String, String>> letters, List<String> unsettled, List<String> settledTwice) {
    }

    /**
     * Reads events and dead letters until every image and report has an outcome (or 90 s) and the spool is
     * empty, then reads them once more after {@link #QUIET}: a second outcome of an input that already has one
     * would come from work still held back by the circuit, which is tried again within its open duration.
     */
    private List<Outcomes> awaitOutcomes(List<String> images, List<String> reports) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Outcomes> outcomes = outcomes(images, reports);
        while (outcomes.stream().anyMatch(o -> !o.unsettled().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            outcomes = outcomes(images, reports);
        }
        Path spool = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getSpool().objectsDir();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> {
            try (var listing = Files.list(spool)) {
                return listing.findAny().isEmpty();
            }
        });
        Thread.sleep(QUIET.toMillis());
        return outcomes(images, reports);
    }

    private List<Outcomes> outcomes(List<String> images, List<String> reports) {
        List<ConsumerRecord<String, String>> letters = TopicReader.readAll(KafkaBrokerResource.bootstrapServers(),
                deadLetterTopic);
        return List.of(outcomes(cvTopic, images, letters), outcomes(nlpTopic, reports, letters));
    }

    private Outcomes outcomes(String topic, List<String> keys, List<ConsumerRecord<String, String>> allLetters) {
        Map<String, Long> events = count(topic, keys);
        List<ConsumerRecord<String, String>> letters = allLetters.stream().filter(r -> keys.contains(r.key())).toList();
        Map<String, Long> deadLettered = new HashMap<>();
        letters.forEach(l -> deadLettered.merge(l.key(), 1L, Long::sum));
        List<String> unsettled = keys.stream().filter(k -> !events.containsKey(k) && !deadLettered.containsKey(k))
                .toList();
        List<String> twice = keys.stream()
                .filter(k -> events.getOrDefault(k, 0L) + deadLettered.getOrDefault(k, 0L) > 1).toList();
        return new Outcomes(events, deadLettered, letters, unsettled, twice);
    }

    /** Reads the topic until every key has an event, or 90 s. */
    private void awaitEvents(String topic, List<String> keys) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!count(topic, keys).keySet().containsAll(keys) && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
    }

    private Map<String, Long> count(String topic, List<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.readAll(KafkaBrokerResource.bootstrapServers(), topic)) {
            if (keys.contains(record.key())) {
                counts.merge(record.key(), 1L, Long::sum);
            }
        }
        return counts;
    }
}
