package org.pacsbridge.ops;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Describes a dead letter in its headers. The reason and the route name are safe to log; the
 * exception's own message may quote the failed input and so goes only into the Kafka header,
 * never into a log line.
 */
@ApplicationScoped
@Named("deadLetterHeaders")
public class DeadLetterHeaders implements Processor {

    public static final String REASON = "pacs.dlq.reason";
    public static final String SOURCE_ROUTE = "pacs.dlq.source-route";
    public static final String ORIGINAL_TOPIC = "pacs.dlq.original-topic";
    public static final String EXCEPTION = "pacs.dlq.exception";
    public static final String EXCEPTION_MESSAGE = "pacs.dlq.exception-message";
    public static final String FAILED_AT = "pacs.dlq.failed-at";
    /**
     * The input's key in the sent-once store, set by the X-Raydar routes: the dead letter is then
     * published with the mark "dead-lettered" in one transaction ({@link SentOnceDeadLetters}).
     */
    public static final String SENT_ONCE_MARK = "pacs.dlq.sent-once-mark";
    private static final int MAX_MESSAGE = 500;

    @Inject
    MeterRegistry registry;

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        if (failure != null) {
            in.setHeader(EXCEPTION, failure.getClass().getName());
            String message = failure.getMessage();
            if (message != null) {
                in.setHeader(EXCEPTION_MESSAGE, message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
            }
        }
        if (in.getHeader(REASON) == null) {
            in.setHeader(REASON, failure == null ? "unspecified" : failure.getClass().getSimpleName());
        }
        if (in.getHeader(SOURCE_ROUTE) == null) {
            in.setHeader(SOURCE_ROUTE, exchange.getFromRouteId());
        }
        String originalTopic = in.getHeader(KafkaConstants.TOPIC, String.class);
        if (originalTopic != null && in.getHeader(ORIGINAL_TOPIC) == null) {
            in.setHeader(ORIGINAL_TOPIC, originalTopic);
        }
        in.setHeader(FAILED_AT, Instant.now().toString());
        registry.counter("pacs_deadletters_total", "source_route", String.valueOf(in.getHeader(SOURCE_ROUTE))).increment();
        // a record consumed from Kafka keeps its key; it must not choose the dead-letter topic
        in.removeHeader(KafkaConstants.OVERRIDE_TOPIC);
        in.removeHeader(KafkaConstants.PARTITION_KEY);
    }
}
