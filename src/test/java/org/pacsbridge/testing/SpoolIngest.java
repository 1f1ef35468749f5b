package org.pacsbridge.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.pacsbridge.camel.dicom.DicomConsumer;

/** The running node's DICOM intake, as the ingest tests drive it: send with storescu, wait for the spool. */
public final class SpoolIngest {

    private final CamelContext camel;
    private final String aeTitle;

    public SpoolIngest(CamelContext camel, String aeTitle) {
        this.camel = camel;
        this.aeTitle = aeTitle;
    }

    public DicomConsumer consumer() {
        return (DicomConsumer) camel.getRoute("dicom-ingest").getConsumer();
    }

    /** Sends the files on one association (dcmtk storescu); each must be answered Success. */
    public void send(Path... files) throws Exception {
        var result = Dcmtk.storescu(aeTitle, consumer().getLocalPort(), List.of(), files);
        assertTrue(result.ok(), result.output());
    }

    public Path spoolRoot() {
        return consumer().getSpool().objectsDir().getParent();
    }

    /** Waits until every acknowledged object has left the spool (an event, a dead letter, or filtered out). */
    public void awaitSpoolEmpty(Duration atMost) {
        Path objects = consumer().getSpool().objectsDir();
        Awaitility.await("the spool drains").atMost(atMost).until(() -> {
            try (var left = Files.list(objects)) {
                return left.findAny().isEmpty();
            }
        });
    }

    /** The records of a topic so far (read for a second after its end). */
    public static List<ConsumerRecord<String, String>> records(String topic) {
        return TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), topic, r -> false, Duration.ofSeconds(1));
    }

    /** The records of a topic so far with this key. */
    public static List<ConsumerRecord<String, String>> records(String topic, String key) {
        return records(topic).stream().filter(r -> key.equals(r.key())).toList();
    }
}
