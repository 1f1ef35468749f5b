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

/**
 * Publishes an exchange's body to a topic together with the mark that says its input was
 * handled, in one Kafka transaction (see {@link KafkaIdempotentStore#publishWithMark}): the
 * enrichment routes use it so that an image or report version yields exactly one findings event
 * even when the node dies at any moment. Key: the {@code kafka.KEY} header; record headers: the
 * exchange's {@code pacs.*} headers with text values.
 *
 * <p>When the exchange is a record of the reports topic, its offset is committed in the same
 * transaction (see {@link KafkaIdempotentStore.ConsumedInput}). A dead letter of an X-Raydar
 * call is published the same way, with a mark that says "dead-lettered" ({@link #deadLetter}). Called on the consumer's own
 * thread, as camel-kafka runs a route, so the consumer may be asked for its group membership.
 */
@ApplicationScoped
@Named("sentOncePublisher")
public class SentOncePublisher {

    @Inject
    @Named("xraydarIdempotentRepository")
    KafkaIdempotentStore store;

    @Inject
    KafkaTopics topics;

    /** @param mark the input's key in the sent-once record, or null to publish alone */
    public void publish(Exchange exchange, String topic, String mark) {
        store.publishWithMark(record(exchange.getMessage(), topic), mark == null || mark.isBlank() ? null : mark,
                consumedReport(exchange.getMessage()), KafkaIdempotentStore.Outcome.EVENT);
    }

    /**
     * Publishes the exchange as a dead letter together with its input's "dead-lettered" mark, in
     * one Kafka transaction (and the consumed report's offset, as for an event).
     *
     * @return whether it was published now: false when its input has an event already (from
     *         another replica, or a copy sent again), or when this very dead letter's commit had
     *         been left pending and is now finished
     */
    public boolean deadLetter(Exchange exchange, String topic, String mark) {
        try {
            return store.publishWithMark(record(exchange.getMessage(), topic), mark,
                    consumedReport(exchange.getMessage()), KafkaIdempotentStore.Outcome.DEAD_LETTER);
        } catch (AlreadyPublishedException hasEvent) {
            return false;
        }
    }

    /** Whether a commit of unknown outcome waits (see {@link KafkaIdempotentStore#commitPending}). */
    public boolean commitPending() {
        return store.commitPending();
    }

    private static ProducerRecord<String, byte[]> record(Message message, String topic) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            if (header.getKey().startsWith("pacs.") && header.getValue() instanceof CharSequence text) {
                headers.add(header.getKey(), text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        Object body = message.getBody();
        byte[] value = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : message.getBody(byte[].class);
        String key = message.getHeader(KafkaConstants.KEY, String.class);
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private KafkaIdempotentStore.ConsumedInput consumedReport(Message message) {
        if (message.getHeader(KafkaConstants.MANUAL_COMMIT) instanceof DefaultKafkaManualCommit consumed
                && topics.reports().equals(consumed.getTopicName())) {
            return new KafkaIdempotentStore.ConsumedInput(
                    Map.of(consumed.getPartition(), new OffsetAndMetadata(consumed.getRecordOffset() + 1)),
                    consumed.getConsumer().groupMetadata());
        }
        return null;
    }
}
