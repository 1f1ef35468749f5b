package org.pacsbridge.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.camel.dicom.DicomConsumer;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.MllpPortResource;
import org.pacsbridge.testing.TopicReader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Kafka broker stops and comes back (same port, same data) while a modality sends a stream of chest
 * radiographs and a RIS a stream of reports. The outage lasts 14 s, longer than the node's Kafka timeout for
 * an MLLP answer (10 s) plus a report's spacing, so that reports meet it; {@code -Dpacs.test.kafka-outage-seconds=60} (the {@code full} Maven
 * profile) runs the 60 s outage with 150 images and 50 reports.
 *
 * <p>Expected: C-STORE keeps being answered Success during the outage (the spool holds the
 * images); no report is answered AA unless it is on the reports topic, so a report sent during the
 * outage gets AE (or no answer) and is resent by the RIS; afterwards every acknowledged image has
 * exactly one event on pacs.findings.cv, every report answered AA exactly one on
 * pacs.findings.nlp, and the spool is empty with the backlog gauge at 0.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(MllpPortResource.class)
class KafkaOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("pacs.test.kafka-outage-seconds", 14));
    private static final int IMAGES_PER_ASSOCIATION = 5;
    /** How long both streams run before the broker stops. */
    private static final Duration LEAD = Duration.ofSeconds(4);
    /** One association about every 2 s (plus its sending time), spanning the outage: 150 images for 60 s. */
    private static final int IMAGES = IMAGES_PER_ASSOCIATION * (int) Math.max(12, OUTAGE.toSeconds() / 2);
    /** About one a second (plus its answer time), on past the outage's end: 50 for 60 s. */
    private static final int REPORTS = (int) Math.max(20, OUTAGE.toSeconds() * 5 / 6);

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.topic.findings-cv")
    String cvTopic;

    @ConfigProperty(name = "pacs.topic.findings-nlp")
    String nlpTopic;

    @ConfigProperty(name = "pacs.topic.reports")
    String reportsTopic;

    @Test
    void aBrokerOutageLosesAndDuplicatesNothing() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        String run = Long.toString(System.nanoTime(), 36).toUpperCase();
        String imageAccession = "KOI" + run;
        Path dir = Files.createTempDirectory("pacs-kafka-outage");
        List<Path> files = new ArrayList<>();
        Map<Path, String> sopByFile = new HashMap<>();
        for (int i = 0; i < IMAGES; i++) {
            String sop = DicomFiles.newUid();
            Path file = DicomFiles.image(Files.createDirectories(dir.resolve("i" + i)), DicomFiles.DX_CHEST, sop,
                    imageAccession, 32, 32, 16);
            files.add(file);
            sopByFile.put(file, sop);
        }
        List<String> reportAccessions = new ArrayList<>();
        for (int i = 0; i < REPORTS; i++) {
            reportAccessions.add("KOR" + run + "X" + i);
        }

        ExecutorService senders = Executors.newFixedThreadPool(2);
        Map<String, String> imageStatus = new ConcurrentHashMap<>();
        Map<String, String> reportAnswer = new ConcurrentHashMap<>();
        long outageStart;
        long outageEnd;
        try {
            // images: a few per association, about one association per 2 s
            Future<?> dicom = senders.submit(() -> {
                for (int i = 0; i < IMAGES; i += IMAGES_PER_ASSOCIATION) {
                    List<Path> batch = files.subList(i, Math.min(IMAGES, i + IMAGES_PER_ASSOCIATION));
                    imageStatus.putAll(sendImages(batch, sopByFile));
                    Thread.sleep(2000);
                }
                return null;
            });
            // reports: one a second, each on a new connection with a 20 s answer timeout
            Future<?> mllp = senders.submit(() -> {
                for (String accession : reportAccessions) {
                    reportAnswer.put(accession, sendReport(accession, 20_000));
                    Thread.sleep(1000);
                }
                return null;
            });
            Thread.sleep(LEAD.toMillis());
            outageStart = System.nanoTime();
            KafkaBrokerResource.stopBroker();
            try {
                Thread.sleep(OUTAGE.toMillis());
            } finally {
                KafkaBrokerResource.restartBroker();
            }
            outageEnd = System.nanoTime();
            dicom.get();
            mllp.get();
        } finally {
            senders.shutdownNow();
        }
        assertTrue(Duration.ofNanos(outageEnd - outageStart).compareTo(OUTAGE) >= 0);

        // DICOM: the spool takes every image while Kafka is away
        List<String> notAcknowledged = imageStatus.entrySet().stream().filter(e -> !"Success".equals(e.getValue()))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        assertEquals(List.of(), notAcknowledged, "images not answered Success");
        assertEquals(IMAGES, imageStatus.size(), "every image got a C-STORE response");

        // MLLP: reports answered otherwise than AA are resent now, like a RIS would
        List<String> refused = reportAnswer.entrySet().stream().filter(e -> !"AA".equals(e.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
        assertTrue(refused.size() > 0, "some reports met the outage: " + reportAnswer);
        assertTrue(refused.stream().allMatch(a -> reportAnswer.get(a).equals("AE") || reportAnswer.get(a).equals("AR")
                || reportAnswer.get(a).equals("no answer")), "a refused report is answered AE/AR or not at all: "
                + reportAnswer);
        // no AA for a report that was not stored: every report answered AA is on the reports topic
        // now, before any resend
        List<String> acceptedBeforeResend = reportAccessions.stream().filter(a -> "AA".equals(reportAnswer.get(a)))
                .toList();
        Map<String, Long> storedBeforeResend = countByKey(reportsTopic, r -> r.key(), acceptedBeforeResend);
        List<String> aaNotStored = acceptedBeforeResend.stream().filter(a -> !storedBeforeResend.containsKey(a))
                .toList();
        assertEquals(List.of(), aaNotStored, "reports answered AA but not on " + reportsTopic);
        for (String accession : refused) {
            assertEquals("AA", sendReport(accession, 30_000), "resent " + accession + " after the outage");
        }

        // every input has its event; the spool has nothing left that could publish a second one
        List<String> sops = List.copyOf(imageStatus.keySet());
        Function<ConsumerRecord<String, String>, String> sopOf = r -> imageAccession.equals(r.key())
                ? TopicReader.header(r, "pacs.correlation-id") : null;
        awaitCounts(cvTopic, sopOf, sops);
        awaitCounts(nlpTopic, ConsumerRecord::key, reportAccessions);
        Path objects = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getSpool().objectsDir();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (var listing = Files.list(objects)) {
                return listing.findAny().isEmpty();
            }
        });
        // a late duplicate would come within the spool's retry delay (2 s in tests)
        Thread.sleep(3000);

        // images: exactly one event per SOP Instance UID
        Map<String, Long> imageEvents = countByKey(cvTopic, sopOf, sops);
        assertEquals(List.of(), sops.stream().filter(s -> !imageEvents.containsKey(s)).toList(),
                "acknowledged images without a findings event");
        assertEquals(Map.of(), without1(imageEvents), "images with more than one findings event");

        // reports: exactly one event per report, and each stored on the reports topic
        Map<String, Long> reportEvents = countByKey(nlpTopic, ConsumerRecord::key, reportAccessions);
        assertEquals(List.of(), reportAccessions.stream().filter(a -> !reportEvents.containsKey(a)).toList(),
                "reports answered AA without a findings event");
        assertEquals(Map.of(), without1(reportEvents), "reports with more than one findings event");
        Map<String, Long> stored = countByKey(reportsTopic, ConsumerRecord::key, reportAccessions);
        assertEquals(List.of(), reportAccessions.stream().filter(a -> !stored.containsKey(a)).toList(),
                "reports answered AA that are not on " + reportsTopic);

        // backlog drained
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pacs_dicom_spool_backlog_objects") && l.endsWith(" 0.0")),
                "backlog gauge back to 0");
    }

    /** Sends one association's worth of images; the status storescu saw for each SOP Instance UID. */
    private Map<String, String> sendImages(List<Path> batch, Map<Path, String> sopByFile) throws Exception {
        int port = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getLocalPort();
        Dcmtk.Result result = Dcmtk.storescu(aeTitle, port, List.of("-v"), batch.toArray(Path[]::new));
        List<String> statuses = Dcmtk.storeStatuses(result.output(), batch.size());
        Map<String, String> status = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            status.put(sopByFile.get(batch.get(i)), statuses.get(i));
        }
        return status;
    }

    /** MSA-1 of the answer to a report, or "no answer" when none came within the timeout. */
    private String sendReport(String accession, int timeoutMillis) {
        String message = Hl7Reports.chestOru(accession, "C" + accession, "F", 5, "Small right pleural effusion.");
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            client.soTimeout(timeoutMillis);
            return MllpClient.ackCode(client.send(message));
        } catch (IOException e) {
            return "no answer";
        }
    }

    /** Reads the topic until every wanted id has at least one record, or 120 s. */
    private void awaitCounts(String topic, Function<ConsumerRecord<String, String>, String> id, List<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!countByKey(topic, id, wanted).keySet().containsAll(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /** Counts the records of each wanted id on the topic now (committed ones, to the topic's current end). */
    private static Map<String, Long> countByKey(String topic, Function<ConsumerRecord<String, String>, String> id,
            List<String> wanted) {
        Map<String, Long> counts = new HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.readAll(KafkaBrokerResource.bootstrapServers(), topic)) {
            String key = id.apply(record);
            if (key != null && wanted.contains(key)) {
                counts.merge(key, 1L, Long::sum);
            }
        }
        return counts;
    }

    private static Map<String, Long> without1(Map<String, Long> counts) {
        Map<String, Long> more = new HashMap<>(counts);
        more.values().removeIf(n -> n == 1);
        return more;
    }
}
