package org.pacsbridge.reports;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.pacsbridge.camel.mllp.BoundedMllpConsumer;
import org.pacsbridge.ops.CorrelationIdsInLog;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The MLLP listener's steps: check a message (parse it, extract the report) before it is
 * published, and answer it with the right acknowledgement afterwards. The message itself goes to
 * the reports topic unchanged, keyed by accession number.
 */
@ApplicationScoped
@Named("reportIntake")
public class ReportIntake {

    static final String HEADER_PROPERTY = "pacs.hl7.header";
    public static final String ACCESSION = "pacs.report.accession";
    public static final String STATUS = "pacs.report.status";
    public static final String CONTROL_ID = "pacs.report.message-control-id";
    private static final String MLLP_ACKNOWLEDGEMENT = "CamelMllpAcknowledgement";
    private static final Logger LOG = Logger.getLogger(ReportIntake.class);

    @Inject
    Hl7MessageParser parser;

    @Inject
    ReportExtractor extractor;

    @Inject
    ExtractionSettings settings;

    @Inject
    AckBuilder acks;

    @Inject
    MeterRegistry registry;

    /** Parses and checks the message; throws the exception whose ACK answers it when it is refused. */
    public void accept(Exchange exchange) throws Hl7MessageException {
        Message message = exchange.getMessage();
        String er7 = message.getBody(String.class);
        Integer sizeLimit = message.getHeader(BoundedMllpConsumer.MESSAGE_TOO_LARGE, Integer.class);
        if (sizeLimit != null) {
            throw tooLarge(er7, sizeLimit);
        }
        ParsedMessage parsed = parser.parse(er7 == null ? "" : er7);
        exchange.setProperty(HEADER_PROPERTY, parsed.header());
        // for the log lines written while this message is handled (removed when the exchange is done)
        MDC.put(CorrelationIdsInLog.MESSAGE_CONTROL_ID, String.valueOf(parsed.header().messageControlId()));
        Report report = extractor.extract(parsed, settings);
        MDC.put(CorrelationIdsInLog.ACCESSION_NUMBER, report.accessionNumber());
        message.setBody(er7);
        message.setHeader(KafkaConstants.KEY, report.accessionNumber());
        message.setHeader(ACCESSION, report.accessionNumber());
        message.setHeader(STATUS, report.status().name());
        message.setHeader(CONTROL_ID, parsed.header().messageControlId());
    }

    /** A message cut at the MLLP size limit: AR, answered from its MSH segment when that is readable. */
    private Hl7RejectException tooLarge(String er7, int sizeLimit) {
        MessageHeader header;
        try {
            header = parser.header(er7);
        } catch (Hl7RejectException e) {
            header = null;
        }
        return new Hl7RejectException(new Hl7Error(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
                "message larger than " + sizeLimit + " bytes, the most this receiver takes"), header);
    }

    /** The report is on the reports topic: AA. */
    public void acknowledgeAccepted(Exchange exchange) {
        MessageHeader header = exchange.getProperty(HEADER_PROPERTY, MessageHeader.class);
        LOG.infof("Report %s (accession %s, %s) stored; AA", header.messageControlId(),
                exchange.getMessage().getHeader(ACCESSION), exchange.getMessage().getHeader(STATUS));
        answer(exchange, header, AckCode.AA, acks.build(header, AckCode.AA, null));
    }

    /** The message was refused (content error → AE, unsupported → AR), with an ERR segment saying why. */
    public void acknowledgeRefused(Exchange exchange) {
        Hl7MessageException refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Hl7MessageException.class);
        MessageHeader header = refusal.header();
        LOG.warnf("HL7 message %s refused with %s: %s", header == null ? "(no MSH)" : header.messageControlId(),
                refusal.ackCode(), refusal.error());
        answer(exchange, header, refusal.ackCode(), acks.build(refusal));
    }

    /**
     * The report could not be made durable (Kafka did not confirm in time): AE with
     * "application internal error", so the sender keeps the message and sends it again.
     */
    public void acknowledgeNotStored(Exchange exchange) {
        MessageHeader header = exchange.getProperty(HEADER_PROPERTY, MessageHeader.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.errorf("Report %s not stored (%s); AE sent so that the sender resends it",
                header == null ? "(unknown)" : header.messageControlId(), cause == null ? "?" : cause.getClass().getSimpleName());
        Hl7Error error = new Hl7Error(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, "report not stored, please resend");
        answer(exchange, header, AckCode.AE, acks.build(header, AckCode.AE, error));
    }

    private void answer(Exchange exchange, MessageHeader header, AckCode code, String ack) {
        registry.counter("pacs_mllp_messages_total", "ack", code.name()).increment();
        if (header != null && !acks.acceptAckWanted(header, code)) {
            return; // MSH-15 asked for no acknowledgement in this case
        }
        exchange.setProperty(MLLP_ACKNOWLEDGEMENT, ack.getBytes(charset(header)));
    }

    private static Charset charset(MessageHeader header) {
        String set = header == null ? null : header.characterSet();
        return set != null && set.toUpperCase().contains("UTF") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }
}
