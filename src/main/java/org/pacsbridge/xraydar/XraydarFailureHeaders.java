package org.pacsbridge.xraydar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.pacsbridge.ops.DeadLetterHeaders;

/** Describes a failed X-Raydar call in dead-letter headers: reason, kind, HTTP status, body excerpt, attempts. */
@ApplicationScoped
@Named("xraydarFailureHeaders")
public class XraydarFailureHeaders implements Processor {

    public static final String KIND = "pacs.xraydar.failure-kind";
    public static final String HTTP_STATUS = "pacs.xraydar.http-status";
    public static final String BODY_EXCERPT = "pacs.xraydar.body-excerpt";
    public static final String ATTEMPTS = "pacs.xraydar.attempts";

    @Override
    public void process(Exchange exchange) {
        XraydarException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, XraydarException.class);
        if (failure == null) {
            return;
        }
        Message message = exchange.getMessage();
        String endpoint = exchange.getFromRouteId() != null && exchange.getFromRouteId().contains("nlp") ? "NLP" : "CV";
        message.setHeader(DeadLetterHeaders.REASON, "X-Raydar " + endpoint + " " + failure.kind().name().toLowerCase()
                + (failure.isTransient() ? " after " + failure.attempts() + " attempts" : " (permanent)"));
        message.setHeader(KIND, failure.kind().name());
        failure.httpStatus().ifPresent(status -> message.setHeader(HTTP_STATUS, Integer.toString(status)));
        if (failure.bodyExcerpt() != null && !failure.bodyExcerpt().isEmpty()) {
            message.setHeader(BODY_EXCERPT, failure.bodyExcerpt());
        }
        message.setHeader(ATTEMPTS, Integer.toString(failure.attempts()));
    }
}
