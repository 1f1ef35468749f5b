package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.CommittedOffsets;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.MllpPortResource;
import org.pacsbridge.testing.TopicReader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Kafka broker goes away while a RIS sends reports: no AA for a report that is not on Kafka;
 * once the broker is back, the resent report is accepted and enriched exactly once.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(MllpPortResource.class)
class ReportsKafkaOutageTest {

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.topic.findings-nlp")
    String findingsTopic;

    @ConfigProperty(name = "pacs.topic.reports")
    String reportsTopic;

    @ConfigProperty(name = "pacs.reports.consumer-group")
    String reportsGroup;

    @Test
    void noAaWithoutKafkaAndTheResentReportIsEnrichedOnce() throws Exception {
        String before = "O" + System.nanoTime();
        assertEquals("AA", MllpClient.ackCode(send(ReportsFlowTest.oru("2.5.1", before, "XRCHEST^XR CHEST PA", "F", "Normal."))));

        String during = "D" + System.nanoTime();
        String message = ReportsFlowTest.oru("2.5.1", during, "XRCHEST^XR CHEST PA", "F", "Right basal atelectasis.");
        KafkaBrokerResource.stopBroker();
        String ack;
        try {
            ack = send(message);
        } finally {
            KafkaBrokerResource.restartBroker();
        }
        assertEquals("AE", MllpClient.ackCode(ack), ack);
        assertTrue(ack.contains("207"), "ERR says application internal error: " + ack);

        assertEquals("AA", MllpClient.ackCode(send(message)));
        TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), findingsTopic, r -> during.equals(r.key()),
                Duration.ofSeconds(90));
        // A second event could only come from a second copy on the reports topic, such as the refused
        // attempt delivered late: it would stand before the resent copy (same key, same partition, same
        // producer). Each copy's outcome is written once the reports consumer has committed past it.
        List<ConsumerRecord<String, String>> copies = TopicReader.readAll(KafkaBrokerResource.bootstrapServers(),
                reportsTopic).stream().filter(r -> during.equals(r.key())).toList();
        assertTrue(copies.size() >= 1, "the resent report is on the reports topic");
        for (ConsumerRecord<String, String> copy : copies) {
            CommittedOffsets.awaitPast(KafkaBrokerResource.bootstrapServers(), reportsGroup, copy.topic(),
                    copy.partition(), copy.offset(), Duration.ofSeconds(60));
        }
        long events = TopicReader.readAll(KafkaBrokerResource.bootstrapServers(), findingsTopic).stream()
                .filter(r -> during.equals(r.key())).count();
        assertEquals(1, events, "one findings event for the report sent during the outage");
    }

    private String send(String message) throws Exception {
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            return client.send(message);
        }
    }
}
