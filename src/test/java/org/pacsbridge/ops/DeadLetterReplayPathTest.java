package org.pacsbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.TopicReader;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Dead letters written by someone who can write to the dead-letter topic: paths and UIDs that try
 * to leave the spool's failed/ directory are never opened nor deleted, they are parked, and the
 * replay goes on to the next dead letter, which is replayed.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class DeadLetterReplayPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ProducerTemplate producer;

    @Inject
    DeadLetterReplay replay;

    @Inject
    FailedDicomObjects failedObjects;

    @ConfigProperty(name = "pacs.topic.deadletter")
    String deadLetterTopic;

    @ConfigProperty(name = "pacs.topic.findings-cv")
    String findingsTopic;

    @ConfigProperty(name = "pacs.spool.dir")
    String spoolDir;

    @Test
    void deadLettersPointingOutsideFailedAreParkedAndTheNextOneIsReplayed() throws Exception {
        String node = failedObjects.files().node();
        // a chest radiograph outside failed/: a dead letter must not be able to send it anywhere, nor delete it
        Path outside = Files.createTempDirectory("pacs-not-failed");
        String decoyUid = DicomFiles.newUid();
        Path decoy = DicomFiles.image(outside, DicomFiles.DX_CHEST, decoyUid, "DECOY" + System.nanoTime(), 16, 16, 16);
        // the one that belongs: kept by this node in failed/
        Path failedDir = Files.createDirectories(org.pacsbridge.home.NodeHome.resolve(spoolDir).resolve("failed"));
        String legitUid = DicomFiles.newUid();
        String legitAccession = "LEGIT" + System.nanoTime();
        Path legit = DicomFiles.image(failedDir, DicomFiles.DX_CHEST, legitUid, legitAccession, 16, 16, 16);
        String elsewhereUid = DicomFiles.newUid();

        deadLetter(reference("1.2.3.4", null, "/etc/passwd"));
        deadLetter(reference("../../etc/passwd", null, null));
        deadLetter(reference("1.2/../../" + decoyUid, node, decoy.toString()));
        deadLetter(reference(decoyUid, node, decoy.toString()));
        deadLetter(reference(failedDir.relativize(decoy).toString().replace(".dcm", ""), node, null));
        deadLetter(reference(elsewhereUid, "pacs-bridge-7", null));
        deadLetter(reference(legitUid, node, null));

        replay.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "stopped".equals(replay.status().state()));

        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(),
                findingsTopic, r -> legitAccession.equals(r.key()), Duration.ofSeconds(60));
        assertTrue(events.stream().anyMatch(r -> legitAccession.equals(r.key())), "the good dead letter was replayed");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(legit));

        assertTrue(Files.exists(decoy), "a file outside failed/ named by a dead letter is never deleted");
        assertTrue(Files.exists(Path.of("/etc/passwd")));
        assertFalse(events.stream().anyMatch(r -> r.value().contains(decoyUid)), "nor sent to X-Raydar");
        assertEquals(6, replay.status().parked(), "parked: " + replay.status());

        ConsumerRecord<String, String> again = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(),
                deadLetterTopic, r -> r.value().contains(elsewhereUid)
                        && String.valueOf(TopicReader.header(r, DeadLetterHeaders.REASON)).contains("pacs-bridge-7"),
                Duration.ofSeconds(30)).stream()
                .filter(r -> String.valueOf(TopicReader.header(r, DeadLetterHeaders.REASON)).contains("pacs-bridge-7"))
                .findFirst().orElseThrow(() -> new AssertionError("a dead letter kept by another node is published again"));
        assertEquals("replay parked: kept on node pacs-bridge-7", TopicReader.header(again, DeadLetterHeaders.REASON));
    }

    private static String reference(String uid, String node, String file) throws Exception {
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("type", "dicom-object");
        reference.put("sopInstanceUid", uid);
        if (node != null) {
            reference.put("node", node);
        }
        if (file != null) {
            reference.put("file", file);
        }
        return JSON.writeValueAsString(reference);
    }

    private void deadLetter(String body) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(KafkaConstants.KEY, "REPLAY-ATTACK");
        headers.put(DeadLetterHeaders.REASON, "written by hand");
        headers.put("pacs.dlq.replay-route", "xraydar-cv-call");
        producer.sendBodyAndHeaders("direct:deadletter", body, headers);
    }
}
