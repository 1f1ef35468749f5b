package org.pacsbridge.results.delivery;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mllp.MllpAcknowledgementTimeoutException;
import org.apache.camel.component.mllp.MllpApplicationErrorAcknowledgementException;
import org.apache.camel.component.mllp.MllpApplicationRejectAcknowledgementException;
import org.apache.camel.component.mllp.MllpCommitErrorAcknowledgementException;
import org.apache.camel.component.mllp.MllpCommitRejectAcknowledgementException;
import org.apache.camel.component.mllp.MllpConstants;
import org.jboss.logging.Logger;
import org.pacsbridge.failure.Backoff;
import org.pacsbridge.results.Code;
import org.pacsbridge.results.FindingsEventReader;
import org.pacsbridge.results.FindingsOru;
import org.pacsbridge.results.FindingsOruBuilder;
import org.pacsbridge.results.OruHeader;

/**
 * Sends the findings ORU^R01 of one CV findings event to the RIS with the node's {@code mllp:}
 * producer, which writes one message and waits for its ACK before the next (one in flight per
 * connection). AA whose MSA-2 names the message is delivered; AE, AR, an ACK for another message,
 * no ACK within {@code pacs.results.hl7.ack-timeout} or no connection is tried again with backoff up to
 * {@code pacs.results.hl7.max-attempts}, then thrown for the route to dead-letter, as is an event
 * the ORU cannot be built from.
 */
@ApplicationScoped
@Named("findingsOruSender")
public class FindingsOruSender {

    /** The sent ORU's MSH-10, set on the exchange before the first attempt. */
    public static final String CONTROL_ID = "pacs.results.hl7.control-id";

    private static final Logger LOG = Logger.getLogger(FindingsOruSender.class);

    @Inject
    ResultsSettings settings;

    @Inject
    ProducerTemplate producer;

    @Inject
    MeterRegistry registry;

    void check(@Observes StartupEvent start) {
        ResultsSettings.Hl7 hl7 = settings.hl7();
        if (hl7.enabled() && hl7.host().map(String::isBlank).orElse(true)) {
            throw new IllegalStateException(
                    "pacs.results.hl7.enabled=true needs pacs.results.hl7.host, the RIS's MLLP listener");
        }
        if (hl7.maxAttempts() < 1) {
            throw new IllegalStateException("pacs.results.hl7.max-attempts must be at least 1");
        }
        if (hl7.enabled() && hl7.tls().enabled()) {
            ResultsHl7TlsParameters.of(hl7.tls());
        }
        // scraped from the start, at 0, like pacs_results_sr_total
        registry.counter("pacs_results_hl7_total", "outcome", "sent");
        registry.counter("pacs_results_hl7_total", "outcome", "failed");
    }

    public void send(Exchange exchange) throws OruNotDeliveredException, OruDestinationMissingException,
            InterruptedException {
        ResultsSettings.Hl7 hl7 = settings.hl7();
        String host = hl7.host().filter(h -> !h.isBlank()).orElseThrow(OruDestinationMissingException::new);
        ResultsSettings.Sr sr = settings.sr();
        FindingsOru oru = FindingsOruBuilder.build(
                FindingsEventReader.read(exchange.getMessage().getBody(String.class), sr.engineVersion(),
                        sr.engineManufacturer()),
                new OruHeader(hl7.receivingApplication(), hl7.receivingFacility().orElse(null),
                        new Code(hl7.procedureCode(), hl7.procedureScheme(), hl7.procedureMeaning())));
        exchange.getMessage().setHeader(CONTROL_ID, oru.controlId());
        deliver(oru, endpoint(host, hl7), hl7);
        registry.counter("pacs_results_hl7_total", "outcome", "sent").increment();
    }

    /** The route's error handler counts an ORU that was not delivered (it goes to the dead-letter topic). */
    public void failed() {
        registry.counter("pacs_results_hl7_total", "outcome", "failed").increment();
    }

    static String endpoint(String host, ResultsSettings.Hl7 hl7) {
        return "mllp:" + host + ":" + hl7.port() + "?connectTimeout=" + hl7.connectTimeout().toMillis()
                + "&receiveTimeout=" + hl7.ackTimeout().toMillis() + "&hl7Headers=false&validatePayload=false"
                + "&stringPayload=true&exchangePattern=InOut"
                + (hl7.tls().enabled() ? "&sslContextParameters=#" + ResultsHl7TlsParameters.NAME : "");
    }

    private void deliver(FindingsOru oru, String endpoint, ResultsSettings.Hl7 hl7)
            throws OruNotDeliveredException, InterruptedException {
        Backoff backoff = new Backoff(hl7.initialBackoff(), hl7.maxBackoff(), 0.5);
        for (int attempt = 1;; attempt++) {
            Exchange sent = producer.send(endpoint, ExchangePattern.InOut, e -> e.getMessage().setBody(oru.er7()));
            Optional<String> failure = failure(sent, oru.controlId(), hl7);
            if (failure.isEmpty()) {
                return;
            }
            if (attempt >= hl7.maxAttempts()) {
                throw new OruNotDeliveredException("not delivered after " + attempt + " attempts, last: "
                        + failure.get(), sent.getException());
            }
            Duration wait = backoff.after(attempt);
            LOG.infof("Findings ORU %s not delivered (attempt %d of %d), trying again in %d ms: %s", oru.controlId(),
                    attempt, hl7.maxAttempts(), wait.toMillis(), failure.get());
            Thread.sleep(wait.toMillis());
        }
    }

    /** What went wrong with one attempt, in words that quote nothing of the message; empty when the RIS took it. */
    private static Optional<String> failure(Exchange sent, String controlId, ResultsSettings.Hl7 hl7) {
        Exception e = sent.getException();
        if (e != null) {
            return Optional.of(describe(e, hl7));
        }
        String ack = sent.getMessage().getHeader(MllpConstants.MLLP_ACKNOWLEDGEMENT_STRING, String.class);
        Optional<String> acknowledged = AckControlId.of(ack);
        if (acknowledged.isEmpty()) {
            return Optional.of("the RIS's answer has no MSA-2");
        }
        if (!acknowledged.get().equals(controlId)) {
            return Optional.of("the ACK names another message (MSA-2 " + acknowledged.get() + ")");
        }
        return Optional.empty();
    }

    private static String describe(Exception e, ResultsSettings.Hl7 hl7) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof MllpApplicationErrorAcknowledgementException
                    || cause instanceof MllpCommitErrorAcknowledgementException) {
                return "the RIS answered AE";
            }
            if (cause instanceof MllpApplicationRejectAcknowledgementException
                    || cause instanceof MllpCommitRejectAcknowledgementException) {
                return "the RIS answered AR";
            }
            if (cause instanceof MllpAcknowledgementTimeoutException) {
                return "no ACK within " + hl7.ackTimeout().toMillis() + " ms";
            }
            if (cause instanceof SSLException) {
                return "TLS with the RIS failed: " + cause.getMessage();
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof SocketTimeoutException) {
                return "no connection within " + hl7.connectTimeout().toMillis() + " ms";
            }
            cause = cause.getCause();
        }
        return e.getClass().getSimpleName();
    }
}
