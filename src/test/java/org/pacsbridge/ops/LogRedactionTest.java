package org.pacsbridge.ops;

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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.camel.dicom.DicomConsumer;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.TopicReader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With every logger of the node and of Camel at DEBUG, an image and a report run end to end
 * (and a report that is refused): patient names, birth dates, report text and the X-Raydar key
 * reach no log record — message, parameters, exception or MDC. The identifiers that may be
 * logged are in the MDC of the records written while the work was handled.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class LogRedactionTest {

    private static final List<String> DEBUG_CATEGORIES = List.of("org.pacsbridge", "org.apache.camel", "xraydar-cv",
            "xraydar-nlp", "reports-mllp", "reports-kafka", "dicom-ingest", "deadletter", "findings-view-feed", "ca.uhn");

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.xraydar.api-key")
    String apiKey;

    @ConfigProperty(name = "pacs.topic.findings-nlp")
    String nlpTopic;

    private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
    private final Map<String, Level> previous = new HashMap<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                // the MDC must be taken now, on the thread that logged
                ext.copyAll();
            }
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureAtDebug() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        for (String category : DEBUG_CATEGORIES) {
            Logger logger = Logger.getLogger(category);
            previous.put(category, logger.getLevel());
            logger.setLevel(Level.FINE);
        }
    }

    @AfterEach
    void restore() {
        Logger.getLogger("").removeHandler(capture);
        previous.forEach((category, level) -> Logger.getLogger(category).setLevel(level));
    }

    @Test
    void noPatientDataOrKeyReachesTheLog() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        String accession = "LOG" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String reportText = "Distinctive-report-wording-" + accession.toLowerCase();
        Path dir = Files.createTempDirectory("pacs-log-test");
        String sop = DicomFiles.newUid();
        Path image = DicomFiles.image(dir, DicomFiles.DX_CHEST, sop, accession, 64, 64, 16);
        int port = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getLocalPort();
        assertTrue(Dcmtk.storescu(aeTitle, port, List.of(), image).ok());
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            String ack = client.send(Hl7Reports.chestOru(accession, "L" + accession, "F", 0, reportText));
            assertEquals("AA", MllpClient.ackCode(ack));
            // refused for an unknown result status: the refusal must not quote the message either
            client.send(Hl7Reports.chestOru(accession + "X", "R" + accession, "Q", 0, reportText));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !TopicReader.readUntil(
                KafkaBrokerResource.bootstrapServers(), nlpTopic, r -> accession.equals(r.key()), Duration.ofSeconds(5))
                .stream().filter(r -> accession.equals(r.key())).toList().isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> records.stream()
                .anyMatch(r -> String.valueOf(r.getMessage()).contains("CV findings published")));

        List<String> secrets = List.of("TEST^PATIENT", "19610203", "TESTPATIENT", "19700101", reportText, apiKey);
        List<String> leaks = new ArrayList<>();
        int debugRecords = 0;
        for (LogRecord record : records) {
            if (record.getLevel().intValue() < Level.INFO.intValue()) {
                debugRecords++;
            }
            String text = everything(record);
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(record.getLoggerName() + " " + record.getLevel() + ": " + secret + " in " + abbreviate(text));
                }
            }
        }
        assertTrue(debugRecords > 10, "DEBUG records were captured: " + debugRecords);
        assertEquals(List.of(), leaks);

        assertTrue(records.stream().filter(r -> r instanceof ExtLogRecord)
                .anyMatch(r -> sop.equals(((ExtLogRecord) r).getMdc("sopInstanceUid"))),
                "records of the image's route carry its SOP Instance UID in the MDC");
        assertTrue(records.stream().filter(r -> r instanceof ExtLogRecord)
                .anyMatch(r -> ("L" + accession).equals(((ExtLogRecord) r).getMdc("messageControlId"))),
                "records of the report's route carry its MSH-10 in the MDC");
    }

    private static String everything(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                text.append(' ').append(p);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(' ').append(t);
        }
        if (record instanceof ExtLogRecord ext) {
            text.append(' ').append(ext.getFormattedMessage()).append(' ').append(ext.getMdcCopy());
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
