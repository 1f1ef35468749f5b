package org.pacsbridge.ops.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes an exchange's body to a topic together with the mark that says its input was
 * handled, in one Kafka transaction (see {@link KafkaIdempotentStore#publishWithMark}): the
 * enrichment routes use it so that an image or report version yields exactly one findings event
 * even when the node dies at any moment. Key: the {@code kafka.KEY} header; record headers: the
 * exchange's {@code pacs.*} headers with text values.
 *
 * <p>When the exchange is a record of the reports topic, its offset is committed in the same
 * transaction (see {@link KafkaIdempotentStore.ConsumedInput}). Called on the consumer's own
 * thread, as camel-kafka runs a route, so the consumer may be asked for its group membership.
 */
@ApplicationScoped
@Named("sentOncePublisher")
public class SentOncePublisher {

    @Inject
    @Named("xraydarIdempotentRepository")
    KafkaIdempotentStore store;

    @ConfigProperty(name = "pacs.topic.reports")
    String reportsTopic;

    /** @param mark the input's key in the sent-once record, or null (e.g. a replay) to publish alone */
    public void publish(Exchange exchange, String topic, String mark) {
        Message message = exchange.getMessage();
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            if (header.getKey().startsWith("pacs.") && header.getValue() instanceof CharSequence text) {
                headers.add(header.getKey(), text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] value = message.getBody(byte[].class);
        String key = message.getHeader(KafkaConstants.KEY, String.class);
        store.publishWithMark(new ProducerRecord<>(topic, null, key, value, headers),
                mark == null || mark.isBlank() ? null : mark, consumedReport(message));
    }

    private KafkaIdempotentStore.ConsumedInput consumedReport(Message message) {
        if (message.getHeader(KafkaConstants.MANUAL_COMMIT) instanceof DefaultKafkaManualCommit consumed
                && reportsTopic.equals(consumed.getTopicName())) {
            return new KafkaIdempotentStore.ConsumedInput(
                    Map.of(consumed.getPartition(), new OffsetAndMetadata(consumed.getRecordOffset() + 1)),
                    consumed.getConsumer().groupMetadata());
        }
        return null;
    }

    /** Records that the input's outcome is a dead letter (see {@link KafkaIdempotentStore#recordMark}). */
    public void markDeadLettered(Exchange exchange, String mark) {
        if (mark != null && !mark.isBlank()) {
            store.recordMark(mark);
        }
    }
}
