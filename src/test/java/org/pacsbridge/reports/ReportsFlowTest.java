package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.CommittedOffsets;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.MllpPortResource;
import org.pacsbridge.testing.TopicReader;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * routes/reports-mllp.yaml, reports-kafka.yaml and xraydar-nlp.yaml end to end: an MLLP sender, the
 * ACK it gets, the report on the reports topic of the real broker, and the NLP findings event.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(MllpPortResource.class)
class ReportsFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CamelContext camel;

    @Inject
    RunningSimulator simulator;

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.topic.reports")
    String reportsTopic;

    @ConfigProperty(name = "pacs.reports.consumer-group")
    String reportsGroup;

    @ConfigProperty(name = "pacs.topic.deadletter")
    String deadLetterTopic;

    @ConfigProperty(name = "pacs.topic.findings-nlp")
    String findingsTopic;

    @Test
    void aChestReportIsAcknowledgedStoredAndEnriched() throws Exception {
        String accession = "R" + System.nanoTime();
        String ack = send(oru("2.5.1", accession, "XRCHEST^XR CHEST PA", "F",
                "Heart size normal, Lungenfelder frei, épanchement absent, 心脏大小正常.",
                "No focal consolidation, SMITH^JOHN 19610203 seen before."));
        assertEquals("AA", MllpClient.ackCode(ack), ack);
        assertTrue(ack.contains("MSA|AA|CTL" + accession), ack);

        ConsumerRecord<String, String> report = awaitRecord(reportsTopic, accession);
        assertTrue(report.value().startsWith("MSH|"), "the reports topic carries the message as received");

        String eventJson = awaitRecord(findingsTopic, accession).value();
        org.pacsbridge.testing.FindingsSchema.assertValid(eventJson);
        JsonNode event = JSON.readTree(eventJson);
        assertEquals("nlp", event.get("source").asText());
        assertEquals(38, event.get("findings").size());
        assertEquals("final", event.get("report").get("status").asText());
        assertTrue(event.get("engine").get("simulated").asBoolean());

        // the text X-Raydar received carries no patient identifiers the message had
        List<XraydarSimulator.ReceivedFile> nlp = simulator.simulator().orElseThrow().received().stream()
                .filter(f -> XraydarSimulator.NLP_PATH.equals(f.path())).toList();
        String sent = new String(nlp.get(nlp.size() - 1).content(), StandardCharsets.UTF_8);
        assertTrue(sent.contains("No focal consolidation"), sent);
        assertTrue(sent.contains("Lungenfelder frei, épanchement absent, 心脏大小正常"), "UTF-8 text arrives intact: " + sent);
        assertTrue(!sent.contains("SMITH") && !sent.contains("19610203"), sent);
    }

    @Test
    void aNonChestReportIsAcknowledgedButNotEnriched() throws Exception {
        String accession = "N" + System.nanoTime();
        assertEquals("AA", MllpClient.ackCode(send(oru("2.4", accession, "CTHEAD^CT HEAD", "F", "No bleed."))));
        ConsumerRecord<String, String> stored = awaitRecord(reportsTopic, accession);
        // a chest report sent after it is enriched: the flow works
        String chest = "C" + System.nanoTime();
        assertEquals("AA", MllpClient.ackCode(send(oru("2.4", chest, "XRCHEST^XR CHEST PA", "F", "Normal."))));
        awaitRecord(findingsTopic, chest);
        // the reports consumer commits the CT report once its outcome is written: an event would be out by then
        CommittedOffsets.awaitPast(KafkaBrokerResource.bootstrapServers(), reportsGroup, stored.topic(),
                stored.partition(), stored.offset(), Duration.ofSeconds(60));
        assertTrue(TopicReader.readAll(KafkaBrokerResource.bootstrapServers(), findingsTopic).stream()
                .noneMatch(r -> accession.equals(r.key())));
    }

    @Test
    void refusalsCarryTheRightAckCode() throws Exception {
        String adt = "MSH|^~\\&|RIS|HOSP|PACSBRIDGE|HOSP|20261123101500||ADT^A01|CTLADT|P|2.5.1\rPID|1||PID1||DOE^JANE\r";
        String noAccession = oru("2.5.1", "", "XRCHEST^XR CHEST PA", "F", "Normal.");
        String oldVersion = oru("2.2", "A1", "XRCHEST^XR CHEST PA", "F", "Normal.");
        assertEquals("AR", MllpClient.ackCode(send(adt)));
        assertEquals("AE", MllpClient.ackCode(send(noAccession)));
        assertEquals("AR", MllpClient.ackCode(send(oldVersion)));
        assertEquals("AR", MllpClient.ackCode(send("PID|1||X\rMSH|^~\\&|A|B|C|D|20261123||ORU^R01|X|P|2.5.1\r")));
        assertEquals("AR", MllpClient.ackCode(send("\u0000\u0001\u0002garbage")));
    }

    @Test
    void aReportWithOnlyThePlacerOrderNumberIsRefusedNotKeyedByIt() throws Exception {
        String placer = "PO" + System.nanoTime();
        String message = oru("2.5.1", "X", "XRCHEST^XR CHEST PA", "F", "Normal chest.")
                .replace("OBR|1|PLX|X|", "OBR|1|" + placer + "||");

        String ack = send(message);

        assertEquals("AE", MllpClient.ackCode(ack), ack);
        assertTrue(ack.contains("accession number missing"), ack);
        assertTrue(TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), reportsTopic, r -> false,
                Duration.ofSeconds(2)).stream().noneMatch(r -> placer.equals(r.key())), "nothing stored under the order number");
    }

    @Test
    void messagesOnOneConnectionAreAnsweredInOrderAndAllStored() throws Exception {
        String base = "S" + System.nanoTime() + "-";
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort(), StandardCharsets.UTF_8)) {
            for (int i = 0; i < 5; i++) {
                String ack = client.send(oru("2.5.1", base + i, "XRCHEST^XR CHEST PA", "P", "Line " + i));
                assertTrue(ack.contains("MSA|AA|CTL" + base + i), ack);
            }
        }
        for (int i = 0; i < 5; i++) {
            awaitRecord(reportsTopic, base + i);
        }
    }

    @Test
    void aMessageSplitAcrossManyWritesIsReassembled() throws Exception {
        String accession = "W" + System.nanoTime();
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort(), StandardCharsets.UTF_8)) {
            byte[] framed = client.frame(oru("2.5.1", accession, "XRCHEST^XR CHEST PA", "F", "Normal chest.")
                    .getBytes(StandardCharsets.UTF_8));
            for (int offset = 0; offset < framed.length; offset += 7) {
                client.sendRaw(java.util.Arrays.copyOfRange(framed, offset, Math.min(framed.length, offset + 7)));
                Thread.sleep(2);
            }
            assertEquals("AA", MllpClient.ackCode(client.receive()));
        }
        awaitRecord(reportsTopic, accession);
    }

    @Test
    void debiansMllpSendGetsAnAa() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.pacsbridge.testing.Dcmtk.onPath("mllp_send"),
                "mllp_send (python3-hl7) not installed");
        String accession = "E" + System.nanoTime();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("oru", ".hl7");
        // --loose: one segment per line, as an interface engineer keeps messages in a file
        java.nio.file.Files.writeString(file, oru("2.3", accession, "CXR^CHEST X-RAY", "F", "Clear lungs.")
                .replace("\r", "\n"), StandardCharsets.UTF_8);
        var result = org.pacsbridge.testing.Dcmtk.run(60, "mllp_send", "--loose", "--file", file.toString(), "--port",
                Integer.toString(mllpPort()), "127.0.0.1");
        assertTrue(result.ok(), result.output());
        assertTrue(result.output().contains("MSA|AA|CTL" + accession), result.output());
        awaitRecord(reportsTopic, accession);
    }

    @Test
    void reportJsonFromKafkaIsEnrichedAndUnreadableValuesAreDeadLettered() throws Exception {
        String accession = "J" + System.nanoTime();
        String report = "{\"schema\":\"pacs-bridge.report/v1\",\"accessionNumber\":\"" + accession + "\","
                + "\"procedureCode\":\"XRCHEST\",\"procedureText\":\"XR CHEST PA\",\"status\":\"FINAL\","
                + "\"reportText\":\"Small left pleural effusion.\"}";
        String garbage = "this is not a report " + accession;
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(java.util.Map.of(
                "bootstrap.servers", KafkaBrokerResource.bootstrapServers(),
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName()))) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(reportsTopic, accession, report)).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(reportsTopic, "G" + accession, garbage)).get();
        }
        JsonNode event = JSON.readTree(awaitRecord(findingsTopic, accession).value());
        assertEquals("nlp", event.get("source").asText());
        ConsumerRecord<String, String> dead = awaitRecord(deadLetterTopic, "G" + accession);
        assertEquals(garbage, dead.value());
        assertTrue(TopicReader.header(dead, org.pacsbridge.ops.DeadLetterHeaders.REASON).startsWith("unreadable report"));
    }

    @Test
    void mshFifteenNeverGetsNoAcknowledgementButTheReportIsStored() throws Exception {
        String accession = "NE" + System.nanoTime();
        String message = oru("2.5.1", accession, "XRCHEST^XR CHEST PA", "F", "Normal.")
                .replace("|P|2.5.1||||||UNICODE UTF-8", "|P|2.5.1|||NE|NE||UNICODE UTF-8");
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort(), StandardCharsets.UTF_8)) {
            client.sendRaw(client.frame(message.getBytes(StandardCharsets.UTF_8)));
            awaitRecord(reportsTopic, accession);
            client.soTimeout(1500);
            org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class, client::receive);
        }
    }

    @Test
    void aFrameWithoutItsEndIsNeverAcknowledged() throws Exception {
        String accession = "F" + System.nanoTime();
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort(), StandardCharsets.UTF_8)) {
            byte[] framed = client.frame(oru("2.5.1", accession, "XRCHEST^XR CHEST PA", "F", "Normal.")
                    .getBytes(StandardCharsets.UTF_8));
            client.sendRaw(java.util.Arrays.copyOf(framed, framed.length - 2));
            // camel-mllp waits for the end of the block until its receive timeout, then gives up on
            // the connection without an acknowledgement; the sender keeps the message and resends it
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, client::receive);
        }
        assertTrue(TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), reportsTopic, r -> false,
                Duration.ofSeconds(2)).stream().noneMatch(r -> accession.equals(r.key())));
    }

    private String send(String message) throws Exception {
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort(), StandardCharsets.UTF_8)) {
            return client.send(message);
        }
    }

    private int mllpPort() {
        return mllpPort;
    }

    private ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        Optional<ConsumerRecord<String, String>> record = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(),
                topic, r -> key.equals(r.key()), Duration.ofSeconds(60)).stream().filter(r -> key.equals(r.key())).findFirst();
        return record.orElseThrow(() -> new AssertionError("nothing keyed " + key + " on " + topic));
    }

    static String oru(String version, String accession, String procedure, String status, String... lines) {
        StringBuilder message = new StringBuilder()
                .append("MSH|^~\\&|RIS|HOSP|PACSBRIDGE|HOSP|20261123101500||ORU^R01|CTL").append(accession)
                .append("|P|").append(version).append("||||||UNICODE UTF-8\r")
                .append("PID|1||MRN123^^^HOSP^MR||SMITH^JOHN||19610203|M\r")
                .append("OBR|1|").append(accession.isEmpty() ? "" : "PL" + accession).append("|").append(accession).append("|")
                .append(procedure).append("|||20261123100000|||||||||||||||||").append(status).append("\r");
        for (int i = 0; i < lines.length; i++) {
            message.append("OBX|").append(i + 1).append("|TX|REPORT^Report||").append(lines[i]).append("||||||").append(status)
                    .append("\r");
        }
        return message.toString();
    }
}
