package org.pacsbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.ops.kafka.KafkaBrokerProcess;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.FindingsSchema;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two packaged node instances sharing one broker, as two replicas would: an image sent to one and
 * the report sent to the other meet in one study event; and after one instance is killed outright,
 * the other takes its studies over with their state, and the killed one rejoins without loss.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudyCorrelationTwoNodesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path tmp;

    private KafkaBrokerProcess broker;
    private String bootstrap;
    private NodeProcess a;
    private NodeProcess b;

    @BeforeAll
    void startBrokerAndNodes() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        int port = FreePorts.claim();
        broker = KafkaBrokerResource.startBroker(tmp.resolve("kafka"), port);
        bootstrap = "localhost:" + port;
        a = NodeProcess.onBroker("node-a", tmp, bootstrap, "-Dpacs.findings.correlation.session-timeout=6s");
        b = NodeProcess.onBroker("node-b", tmp, bootstrap, "-Dpacs.findings.correlation.session-timeout=6s");
        a.start();
        b.start();
        a.awaitReady();
        b.awaitReady();
    }

    @AfterAll
    void stopAll() throws Exception {
        for (NodeProcess node : new NodeProcess[] {a, b}) {
            if (node != null) {
                node.stop();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anImageOnOneNodeAndItsReportOnTheOtherMeetInOneStudyEvent() throws Exception {
        String accession = "TWO" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String sop = sendImage(a, accession);
        sendReport(b, accession, "F", 0);
        JsonNode study = awaitStudy(accession, s -> s.has("report") && s.get("images").size() == 1);
        assertEquals(sop, study.get("images").get(0).get("sopInstanceUid").asText());
    }

    @Test
    void killingANodeLosesNoCorrelationState() throws Exception {
        String accession = "KIL" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String first = sendImage(a, accession);
        awaitStudy(accession, s -> s.get("images").size() == 1);

        a.kill();
        // node-b takes over node-a's share of the studies (after the session timeout) with their state
        sendReport(b, accession, "F", 0);
        JsonNode afterKill = awaitStudy(accession, s -> s.has("report") && s.get("images").size() == 1);
        assertEquals(first, afterKill.get("images").get(0).get("sopInstanceUid").asText());

        a.start();
        a.awaitReady();
        String second = sendImage(a, accession);
        JsonNode afterRestart = awaitStudy(accession, s -> s.has("report") && s.get("images").size() == 2);
        List<String> sops = new ArrayList<>();
        afterRestart.get("images").forEach(i -> sops.add(i.get("sopInstanceUid").asText()));
        assertEquals(List.of(first, second), sops, "both images and the report, in the order they came");
    }

    private String sendImage(NodeProcess node, String accession) throws Exception {
        String sop = DicomFiles.newUid();
        Path file = DicomFiles.image(Files.createDirectories(tmp.resolve("images")), DicomFiles.DX_CHEST, sop, accession,
                64, 64, 16);
        Dcmtk.Result result = Dcmtk.storescu("PACSBRIDGE", node.dicomPort, List.of(), file);
        assertTrue(result.ok(), result.output());
        return sop;
    }

    private void sendReport(NodeProcess node, String accession, String status, int minute) throws Exception {
        try (MllpClient client = new MllpClient("127.0.0.1", node.mllpPort, StandardCharsets.UTF_8)) {
            String ack = client.send(Hl7Reports.chestOru(accession, "C" + accession + status, status, minute,
                    "Chest PA: lungs clear."));
            assertEquals("AA", MllpClient.ackCode(ack), ack);
        }
    }

    private JsonNode awaitStudy(String accession, Predicate<JsonNode> wanted) throws Exception {
        List<ConsumerRecord<String, String>> read = TopicReader.readUntil(bootstrap, "pacs.findings.study",
                r -> accession.equals(r.key()) && wanted.test(read(r.value())), WAIT);
        Optional<ConsumerRecord<String, String>> match = read.stream()
                .filter(r -> accession.equals(r.key()) && wanted.test(read(r.value()))).reduce((x, y) -> y);
        assertTrue(match.isPresent(), () -> "no matching study event for " + accession + "\n--- node-a\n" + tail(a.log())
                + "\n--- node-b\n" + tail(b.log()));
        FindingsSchema.assertValidStudy(match.get().value());
        return JSON.readTree(match.get().value());
    }

    private static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
