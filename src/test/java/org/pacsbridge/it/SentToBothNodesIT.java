package org.pacsbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.ops.kafka.KafkaBrokerProcess;
import org.pacsbridge.reports.Report;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.TopicReader;

/**
 * Two packaged nodes on one broker, as two replicas behind one Service: the same chest images (storescu)
 * and reports (MLLP) sent to both at once, some only to one; one node is killed with SIGKILL in the middle
 * of both streams, restarted, and sent again what it had not acknowledged (as a modality or RIS would).
 * Read with read_committed, every image has exactly one committed event on pacs.findings.cv and every
 * report version exactly one on pacs.findings.nlp: nothing acknowledged lost, nothing doubled.
 */
class SentToBothNodesIT {

    private static final int IMAGES_TO_BOTH = 40;
    private static final int IMAGES_TO_ONE = 10;
    private static final int REPORTS_TO_BOTH = 20;
    private static final int REPORTS_TO_ONE = 5;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private KafkaBrokerProcess broker;
    private NodeProcess a;
    private NodeProcess b;

    @AfterEach
    void stopAll() {
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
    void oneEventPerImageAndPerReportVersionAfterANodeIsKilledMidStream() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        int port = FreePorts.claim();
        broker = KafkaBrokerResource.startBroker(tmp.resolve("kafka"), port);
        String bootstrap = "localhost:" + port;
        a = NodeProcess.onBroker("node-a", tmp, bootstrap);
        b = NodeProcess.onBroker("node-b", tmp, bootstrap);
        a.start();
        b.start();
        a.awaitReady();
        b.awaitReady();

        String run = Long.toString(System.nanoTime(), 36).toUpperCase();
        Path images = Files.createDirectories(tmp.resolve("images"));
        Map<String, Path> both = images(images, "B" + run, IMAGES_TO_BOTH);
        Map<String, Path> onlyA = images(images, "A" + run, IMAGES_TO_ONE);
        Map<String, Path> onlyB = images(images, "C" + run, IMAGES_TO_ONE);
        Map<String, String> reportsBoth = reports("RB" + run, REPORTS_TO_BOTH);
        Map<String, String> reportsA = reports("RA" + run, REPORTS_TO_ONE);
        Map<String, String> reportsB = reports("RC" + run, REPORTS_TO_ONE);

        Map<String, Path> imagesForA = interleave(both, onlyA);
        Map<String, Path> imagesForB = interleave(both, onlyB);
        Map<String, String> reportsForA = interleave(reportsBoth, reportsA);
        Map<String, String> reportsForB = interleave(reportsBoth, reportsB);

        Path logA = tmp.resolve("storescu-a.log");
        Process senderB = storescu(b, imagesForB, tmp.resolve("storescu-b.log"));
        Set<String> reportsAckedByA = Collections.synchronizedSet(new LinkedHashSet<>());
        CompletableFuture<Void> mllpA = CompletableFuture.runAsync(() -> sendReports(a, reportsForA, reportsAckedByA));
        Set<String> reportsAckedByB = Collections.synchronizedSet(new LinkedHashSet<>());
        CompletableFuture<Void> mllpB = CompletableFuture.runAsync(() -> sendReports(b, reportsForB, reportsAckedByB));
        // the images to node-a start once its report stream is under way: the kill then lands in both
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (reportsAckedByA.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Process senderA = storescu(a, imagesForA, logA);
        while (acknowledged(logA, imagesForA).size() < imagesForA.size() / 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        a.kill();
        assertTrue(senderA.waitFor(60, TimeUnit.SECONDS), "storescu to node-a ended");
        mllpA.get(60, TimeUnit.SECONDS);
        Set<String> imagesAckedByA = acknowledged(logA, imagesForA);
        Set<String> reportsAckedBeforeKill = Set.copyOf(reportsAckedByA);
        int imagesBeforeKill = imagesAckedByA.size();
        assertTrue(imagesBeforeKill > 0 && imagesBeforeKill < imagesForA.size(),
                "the kill came during the image stream: " + imagesBeforeKill + " of " + imagesForA.size() + " acknowledged");
        assertTrue(reportsAckedBeforeKill.size() < reportsForA.size(),
                "the kill came during the report stream: " + reportsAckedBeforeKill.size() + " acknowledged");

        a.start();
        a.awaitReady();
        // the senders' resend: whatever node-a did not acknowledge goes to it again
        Map<String, Path> imagesResent = new LinkedHashMap<>(imagesForA);
        imagesResent.keySet().removeAll(imagesAckedByA);
        Path resendLog = tmp.resolve("storescu-a-resend.log");
        assertTrue(storescu(a, imagesResent, resendLog).waitFor(120, TimeUnit.SECONDS), "resend to node-a ended");
        assertEquals(imagesResent.keySet(), acknowledged(resendLog, imagesResent), "node-a took the resent images");
        Map<String, String> reportsResent = new LinkedHashMap<>(reportsForA);
        reportsResent.keySet().removeAll(reportsAckedBeforeKill);
        sendReports(a, reportsResent, reportsAckedByA);
        assertEquals(reportsForA.keySet(), reportsAckedByA, "node-a answered AA to every report in the end");

        assertTrue(senderB.waitFor(120, TimeUnit.SECONDS), "storescu to node-b ended");
        mllpB.get(120, TimeUnit.SECONDS);
        assertEquals(imagesForB.keySet(), acknowledged(tmp.resolve("storescu-b.log"), imagesForB),
                "node-b acknowledged every image");
        assertEquals(reportsForB.keySet(), reportsAckedByB, "node-b answered AA to every report");

        Set<String> allImages = new LinkedHashSet<>(imagesForA.keySet());
        allImages.addAll(imagesForB.keySet());
        Set<String> allReports = new LinkedHashSet<>(reportsForA.keySet());
        allReports.addAll(reportsForB.keySet());
        awaitSpoolsEmpty();
        Map<String, Integer> cv = events(bootstrap, "pacs.findings.cv", allImages);
        Map<String, Integer> nlp = events(bootstrap, "pacs.findings.nlp", allReports);

        String figures = String.format("images %d (node-a acknowledged %d before the kill), cv events %d;"
                + " reports %d (node-a %d before the kill), nlp events %d", allImages.size(), imagesBeforeKill,
                cv.values().stream().mapToInt(Integer::intValue).sum(), allReports.size(), reportsAckedBeforeKill.size(),
                nlp.values().stream().mapToInt(Integer::intValue).sum());
        System.out.println("SentToBothNodesIT: " + figures);
        assertEquals(List.of(), missing(allImages, cv), "images without a cv event; " + figures);
        assertEquals(List.of(), twice(cv), "images with more than one cv event; " + figures);
        assertEquals(List.of(), missing(allReports, nlp), "report versions without an nlp event; " + figures);
        assertEquals(List.of(), twice(nlp), "report versions with more than one nlp event; " + figures);
    }

    /** Chest images, one accession each, by SOP Instance UID. */
    private static Map<String, Path> images(Path dir, String prefix, int count) throws IOException {
        Map<String, Path> images = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String sop = DicomFiles.newUid();
            images.put(sop, DicomFiles.image(dir, DicomFiles.DX_CHEST, sop, prefix + i, 512, 512, 16));
        }
        return images;
    }

    /** Final chest reports (one version each), by accession. */
    private static Map<String, String> reports(String prefix, int count) {
        Map<String, String> reports = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String accession = prefix + i;
            reports.put(accession, Hl7Reports.chestOru(accession, "C" + accession, "F", 0, "Chest PA: lungs clear."));
        }
        return reports;
    }

    private static <T> Map<String, T> interleave(Map<String, T> first, Map<String, T> second) {
        Map<String, T> all = new LinkedHashMap<>();
        List<String> one = new ArrayList<>(first.keySet());
        List<String> two = new ArrayList<>(second.keySet());
        int step = Math.max(1, one.size() / Math.max(1, two.size()));
        for (int i = 0, j = 0; i < one.size() || j < two.size(); i += step, j++) {
            for (int k = i; k < Math.min(i + step, one.size()); k++) {
                all.put(one.get(k), first.get(one.get(k)));
            }
            if (j < two.size()) {
                all.put(two.get(j), second.get(two.get(j)));
            }
        }
        return all;
    }

    private static Process storescu(NodeProcess node, Map<String, Path> files, Path log) throws IOException {
        return Dcmtk.startStorescu("PACSBRIDGE", node.dicomPort, List.of("-v"), log, files.values());
    }

    /** The SOP Instance UIDs storescu saw answered with success. */
    private static Set<String> acknowledged(Path log, Map<String, Path> sent) throws IOException {
        Set<String> acked = new LinkedHashSet<>();
        if (!Files.exists(log)) {
            return acked;
        }
        List<String> statuses = Dcmtk.storeStatuses(Files.readString(log, StandardCharsets.ISO_8859_1), sent.size());
        List<String> sops = new ArrayList<>(sent.keySet());
        for (int i = 0; i < sops.size(); i++) {
            if (statuses.get(i).equalsIgnoreCase("Success")) {
                acked.add(sops.get(i));
            }
        }
        return acked;
    }

    /** Sends each report on its own connection, paced so a kill lands between them; records those answered AA. */
    private static void sendReports(NodeProcess node, Map<String, String> reports, Set<String> acked) {
        for (Map.Entry<String, String> report : reports.entrySet()) {
            try (MllpClient client = new MllpClient("127.0.0.1", node.mllpPort, StandardCharsets.UTF_8)) {
                if ("AA".equals(MllpClient.ackCode(client.send(report.getValue())))) {
                    acked.add(report.getKey());
                }
                Thread.sleep(100);
            } catch (IOException refusedOrCut) {
                // the node is down: not acknowledged, the RIS sends it again later
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until both spools hold no acknowledged object without an outcome. */
    private void awaitSpoolsEmpty() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (spooled(a) + spooled(b) == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("spools not drained: node-a " + spooled(a) + ", node-b " + spooled(b));
    }

    private static long spooled(NodeProcess node) throws IOException {
        try (Stream<Path> files = Files.list(node.dir().resolve("spool").resolve("objects"))) {
            return files.filter(f -> f.toString().endsWith(".dcm")).count();
        }
    }

    /**
     * Committed events per expected correlation id, read until every id has one (or {@link #WAIT} passes),
     * then once more after a pause so that a late duplicate is counted too.
     */
    private static Map<String, Integer> events(String bootstrap, String topic, Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Integer> counts = count(bootstrap, topic, expected, Duration.ofSeconds(3));
        while (!counts.keySet().containsAll(expected) && System.nanoTime() < deadline) {
            counts = count(bootstrap, topic, expected, Duration.ofSeconds(3));
        }
        Thread.sleep(3000);
        return count(bootstrap, topic, expected, Duration.ofSeconds(3));
    }

    private static Map<String, Integer> count(String bootstrap, String topic, Set<String> expected, Duration read) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.readUntil(bootstrap, topic, r -> false, read)) {
            String id = TopicReader.header(record, "pacs.correlation-id");
            String key = topic.endsWith(".nlp") && id != null ? accessionOf(id, expected) : id;
            if (key != null && expected.contains(key)) {
                counts.merge(key, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** An nlp event's correlation id is "report id:version"; the report id is derived from MSH-4, MSH-3 and the accession. */
    private static String accessionOf(String correlationId, Set<String> accessions) {
        String reportId = correlationId.substring(0, correlationId.lastIndexOf(':'));
        return accessions.stream().filter(acc -> Report.reportIdOf("HOSP", "RIS", acc).equals(reportId)).findFirst()
                .orElse(null);
    }

    private static List<String> missing(Set<String> expected, Map<String, Integer> counts) {
        return expected.stream().filter(id -> !counts.containsKey(id)).toList();
    }

    private static List<String> twice(Map<String, Integer> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + "×" + e.getValue()).toList();
    }
}
