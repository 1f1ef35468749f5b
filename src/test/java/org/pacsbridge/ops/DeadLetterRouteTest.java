package org.pacsbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.TopicReader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dead-letter route of routes/deadletter.yaml, end to end on a real broker. */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class DeadLetterRouteTest {

    @Inject
    ProducerTemplate producer;

    @ConfigProperty(name = "pacs.topic.deadletter")
    String topic;

    @Test
    void publishesTheFailedInputWithItsKeyAndReasonHeaders() {
        String body = "failed-input-" + UUID.randomUUID();
        producer.sendBodyAndHeaders("direct:deadletter", body, Map.of(
                KafkaConstants.KEY, "ACC-20261123-1",
                DeadLetterHeaders.REASON, "report has no accession number"));

        var records = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), topic,
                r -> body.equals(r.value()), Duration.ofSeconds(30));
        var record = records.stream().filter(r -> body.equals(r.value())).findFirst().orElseThrow(
                () -> new AssertionError("dead letter not on " + topic + "; read " + records.size() + " records"));

        assertEquals("ACC-20261123-1", record.key());
        assertEquals("report has no accession number", TopicReader.header(record, DeadLetterHeaders.REASON));
        assertNotNull(TopicReader.header(record, DeadLetterHeaders.FAILED_AT));
    }

    @Test
    void namesTheExceptionWhenTheFlowGaveNoReason() {
        String body = "failed-input-" + UUID.randomUUID();
        producer.send("direct:deadletter", exchange -> {
            exchange.getIn().setBody(body);
            exchange.setProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT,
                    new IllegalStateException("X-Raydar answered 400"));
        });

        var record = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), topic,
                r -> body.equals(r.value()), Duration.ofSeconds(30)).stream()
                .filter(r -> body.equals(r.value())).findFirst().orElseThrow();

        assertEquals("IllegalStateException", TopicReader.header(record, DeadLetterHeaders.REASON));
        assertEquals("java.lang.IllegalStateException", TopicReader.header(record, DeadLetterHeaders.EXCEPTION));
        assertEquals("X-Raydar answered 400", TopicReader.header(record, DeadLetterHeaders.EXCEPTION_MESSAGE));
        assertTrue(TopicReader.header(record, DeadLetterHeaders.SOURCE_ROUTE).startsWith("deadletter"));
    }
}
