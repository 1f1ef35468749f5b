package org.pacsbridge.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
import org.pacsbridge.xraydar.simulator.ScriptedAnswer;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * After an end-to-end run (an image, its report with a discrepancy, a refused association and an
 * unreadable findings record), every metric the README documents is in /q/metrics, and the ones
 * the run exercised count what happened.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class MetricsAfterEndToEndTest {

    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(pacs_[a-z_]+)` \\|", Pattern.MULTILINE);

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

    @Test
    void everyDocumentedMetricIsScrapedWithASensibleValue() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        XraydarSimulator simulator = simulatorHandle.simulator().orElseThrow();
        String accession = "MET" + Long.toString(System.nanoTime(), 36).toUpperCase();
        int port = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getLocalPort();

        Path dir = Files.createTempDirectory("pacs-metrics");
        simulator.scriptNext(XraydarSimulator.CV_PATH, new ScriptedAnswer("normal", Map.of("pneumothorax", 0.99)));
        Path image = DicomFiles.image(dir, DicomFiles.DX_CHEST, DicomFiles.newUid(), accession, 64, 64, 16);
        assertTrue(Dcmtk.storescu(aeTitle, port, List.of(), image).ok());
        simulator.scriptNext(XraydarSimulator.NLP_PATH, new ScriptedAnswer(null, Map.of("pneumothorax", 0.01)));
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            assertEquals("AA", MllpClient.ackCode(client.send(Hl7Reports.chestOru(accession, "M" + accession, "F", 0,
                    "Chest PA: clear."))));
        }
        Path hand = DicomFiles.image(dir, DicomFiles.DX_HAND, DicomFiles.newUid(), accession + "H", 64, 64, 16);
        assertTrue(Dcmtk.storescu(aeTitle, port, List.of(), hand).ok());
        assertFalse(Dcmtk.storescu("NOT-THIS-AE", port, List.of(), image).ok(), "wrong called AE is rejected");
        publishUnreadableFindingsRecord(accession);

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").asString();
            assertTrue(value(metrics, "pacs_dicom_associations_total", "outcome=\"accepted\"") >= 1);
            assertTrue(value(metrics, "pacs_dicom_associations_total", "reason=\"called_ae_title_not_recognized\"") >= 1);
            assertTrue(value(metrics, "pacs_dicom_objects_received_total", "status=\"success\"") >= 1);
            assertTrue(value(metrics, "pacs_dicom_received_bytes_total", "") >= 64 * 64 * 2);
            assertTrue(value(metrics, "pacs_dicom_store_duration_seconds_count", "") >= 1);
            assertTrue(value(metrics, "pacs_dicom_spool_free_bytes", "") > 0);
            assertTrue(value(metrics, "pacs_dicom_spool_backlog_objects", "") >= 0);
            assertTrue(value(metrics, "pacs_mllp_messages_total", "ack=\"AA\"") >= 1);
            assertTrue(value(metrics, "pacs_xraydar_calls_total", "outcome=\"success\"") >= 2);
            assertTrue(value(metrics, "pacs_xraydar_call_duration_seconds_count", "") >= 2);
            assertTrue(value(metrics, "pacs_findings_published_total", "source=\"cv\"") >= 1);
            assertTrue(value(metrics, "pacs_enrichment_filtered_total", "source=\"cv\"") >= 1);
            assertTrue(value(metrics, "pacs_findings_published_total", "source=\"nlp\"") >= 1);
            assertTrue(value(metrics, "pacs_findings_study_events_total", "") >= 2);
            assertTrue(value(metrics, "pacs_alerts_published_total", "rule=\"image-positive-report-negative\"") >= 1);
            assertTrue(value(metrics, "pacs_findings_correlation_rejected_total", "") >= 1);
            assertTrue(value(metrics, "pacs_deadletters_total", "source_route=\"findings-correlation\"") >= 1);
        });

        String metrics = given().get("/q/metrics").asString();
        List<String> missing = new ArrayList<>();
        for (String name : documentedMetrics()) {
            if (!Pattern.compile("^" + name + "(_count|_sum|_bucket|_max)?[{ ]", Pattern.MULTILINE).matcher(metrics).find()) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "documented in the README but not in /q/metrics");
    }

    private void publishUnreadableFindingsRecord(String key) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(cvTopic, key, "{\"schema\":\"something-else\"}")).get();
        }
    }

    private static List<String> documentedMetrics() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> names = new ArrayList<>();
        Matcher m = DOCUMENTED.matcher(readme);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertTrue(names.size() >= 15, "the README's metrics table: " + names);
        return names;
    }

    /** Sum of the samples of {@code name} whose labels contain {@code labelFilter}. */
    private static double value(String metrics, String name, String labelFilter) {
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String labels = line.contains("{") ? line.substring(line.indexOf('{'), line.indexOf('}') + 1) : "";
                if (labels.contains(labelFilter)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
        }
        if (!found) {
            throw new AssertionError("no sample " + name + " with " + labelFilter);
        }
        return sum;
    }
}
