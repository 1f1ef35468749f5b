package org.pacsbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.ops.kafka.KafkaBrokerProcess;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.TopicReader;

/**
 * The packaged node stopped in the middle of a DICOM transfer — with SIGTERM (a Kubernetes pod
 * shutdown) and with kill -9 — then started again: every image the sender saw acknowledged
 * yields exactly one findings event on pacs.findings.cv, none lost and none twice.
 */
class NodeStopIT {

    private static final Pattern RESPONSE = Pattern.compile("Received Store Response(?: \\(([^)]*)\\))?");
    private static final int IMAGES = 800;

    @TempDir
    Path tmp;

    private KafkaBrokerProcess broker;
    private String bootstrap;
    private NodeProcess node;

    @BeforeEach
    void startBroker() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        int port = FreePorts.claim();
        broker = KafkaBrokerResource.startBroker(tmp.resolve("kafka"), port);
        bootstrap = "localhost:" + port;
        node = NodeProcess.onBroker("node", tmp, bootstrap);
    }

    @AfterEach
    void stopAll() {
        if (node != null) {
            node.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void sigtermDuringATransferLosesNothing() throws Exception {
        stopDuringTransferAndRestart("TERM");
    }

    @Test
    void killMinusNineDuringATransferLosesNothingAndDuplicatesNothing() throws Exception {
        stopDuringTransferAndRestart("KILL");
    }

    private void stopDuringTransferAndRestart(String signal) throws Exception {
        String accession = "STOP" + signal + Long.toString(System.nanoTime(), 36).toUpperCase();
        List<Path> files = new ArrayList<>();
        Map<String, String> sopByFile = new HashMap<>();
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < IMAGES; i++) {
            String sop = DicomFiles.newUid();
            Path file = DicomFiles.image(images, DicomFiles.DX_CHEST, sop, accession, 256, 256, 16);
            files.add(file);
            sopByFile.put(file.toString(), sop);
        }
        node.start();
        node.awaitReady();
        Path senderLog = tmp.resolve("storescu-" + signal + ".log");
        Process sender = Dcmtk.startStorescu("PACSBRIDGE", node.dicomPort, List.of("-v"), senderLog, files);

        // stop the node once a good part of the images is acknowledged, while the rest is still coming
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged(senderLog, files, sopByFile).size() < IMAGES / 8 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        node.signal(signal);
        assertTrue(node.waitFor(Duration.ofSeconds(60)), "the node stopped within 60 s");
        assertTrue(sender.waitFor(60, TimeUnit.SECONDS), "the sender ended");
        List<String> acked = acknowledged(senderLog, files, sopByFile);
        assertTrue(acked.size() >= IMAGES / 8, "images acknowledged before the stop: " + acked.size());
        assertTrue(acked.size() < IMAGES, "the stop came during the transfer");
        if (signal.equals("TERM")) {
            assertFalse(node.log().contains("Exception in thread"), "no thread died: " + node.logTail());
        }

        node.start();
        node.awaitReady();
        Map<String, Integer> events = new HashMap<>();
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until && !events.keySet().containsAll(acked)) {
            events.clear();
            for (ConsumerRecord<String, String> record : TopicReader.readUntil(bootstrap, "pacs.findings.cv", r -> false,
                    Duration.ofSeconds(4))) {
                if (accession.equals(record.key())) {
                    events.merge(TopicReader.header(record, "pacs.correlation-id"), 1, Integer::sum);
                }
            }
        }
        List<String> lost = acked.stream().filter(sop -> !events.containsKey(sop)).toList();
        assertEquals(List.of(), lost, "acknowledged images without a findings event (" + acked.size() + " acknowledged)");
        List<String> twice = events.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertEquals(List.of(), twice, "images with more than one findings event");
    }

    /** The SOP Instance UIDs storescu saw answered with success, in sending order. */
    private static List<String> acknowledged(Path senderLog, List<Path> files, Map<String, String> sopByFile)
            throws IOException {
        List<String> acked = new ArrayList<>();
        if (!Files.exists(senderLog)) {
            return acked;
        }
        int index = 0;
        for (String line : Files.readAllLines(senderLog, StandardCharsets.ISO_8859_1)) {
            Matcher m = RESPONSE.matcher(line);
            if (m.find()) {
                if (index < files.size() && (m.group(1) == null || m.group(1).equalsIgnoreCase("Success"))) {
                    acked.add(sopByFile.get(files.get(index).toString()));
                }
                index++;
            }
        }
        return acked;
    }
}
