package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.Simulators;
import org.pacsbridge.testing.SpoolIngest;
import org.pacsbridge.testing.TopicReader;
import org.pacsbridge.xraydar.simulator.FaultPlan;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * A modality that resends an image (same SOP Instance UID) while the first copy is still in the
 * route, as modalities do on a timeout. The first copy's X-Raydar call is slow and then refused for
 * good: the object must end as one dead letter with its file kept (or one event), never vanish.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class ResendDuringProcessingTest {

    @Inject
    CamelContext camel;

    @Inject
    RunningSimulator simulatorHandle;

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
        simulator = Simulators.quiet(simulatorHandle);
        dir = Files.createTempDirectory("pacs-resend-test");
    }

    @AfterEach
    void clearFaults() {
        Simulators.clearFaults(simulatorHandle);
    }

    @Test
    void aResendDuringASlowThenRefusedCallLosesNothing() throws Exception {
        String accession = "RS" + System.nanoTime();
        String uid = DicomFiles.newUid();
        Path image = DicomFiles.image(dir, DicomFiles.DX_CHEST, uid, accession, 16, 16, 16);
        simulator.faults(FaultPlan.builder().latency(Duration.ofSeconds(3)).unauthorizedNext(1).build());
        int callsBefore = simulator.requestCount(XraydarSimulator.CV_PATH);

        SpoolIngest ingest = new SpoolIngest(camel, aeTitle);
        ingest.send(image);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.requestCount(XraydarSimulator.CV_PATH) > callsBefore);
        ingest.send(image); // the same object again, while the first call is still waiting for its answer

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> recordsNow(deadLetterTopic, accession).size() + recordsNow(findingsTopic, accession).size() >= 1);
        ingest.awaitSpoolEmpty(Duration.ofSeconds(60));
        Thread.sleep(3000); // a second outcome, if there were one, would come within this
        List<ConsumerRecord<String, String>> deadLetters = recordsNow(deadLetterTopic, accession);
        List<ConsumerRecord<String, String>> events = recordsNow(findingsTopic, accession);
        assertTrue(events.size() <= 1, "events: " + events.size());
        assertEquals(1, deadLetters.size(), "the refused call is dead-lettered exactly once");
        Path failed = ingest.spoolRoot().resolve("failed");
        try (var kept = Files.list(failed)) {
            assertTrue(kept.anyMatch(f -> f.getFileName().toString().startsWith(uid)),
                    "the dead letter's object is kept in failed/ for its replay");
        }
    }

    /** The records with this key on the topic up to its current end. */
    private static List<ConsumerRecord<String, String>> recordsNow(String topic, String key) {
        return TopicReader.readAll(KafkaBrokerResource.bootstrapServers(), topic).stream()
                .filter(r -> key.equals(r.key())).toList();
    }
}
