package org.pacsbridge.xraydar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.pacsbridge.model.FindingsEventBuilder;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.reports.Report;
import org.pacsbridge.reports.ReportReader;
import org.pacsbridge.reports.ReportTextScrubber;

/**
 * Sends the text of one report version to X-Raydar-NLP — as a UTF-8 text file, scrubbed of the
 * names, identifiers, dates, addresses and contact details its source carried and of those the
 * generic rules find ({@link ReportTextScrubber}) — and turns the answer into a findings event.
 * Nothing else of the report goes out: the file is named {@code report.txt} whatever the report.
 */
@ApplicationScoped
@Named("nlpEnrichment")
public class NlpEnrichment {

    private static final String ORIGINAL = "pacs.report.original";

    @Inject
    @Named("nlpClient")
    XraydarClient client;

    @Inject
    ReportTextScrubber scrubber;

    @Inject
    FindingsEvents events;

    public void enrich(Exchange exchange) throws IOException, XraydarException {
        Message message = exchange.getMessage();
        exchange.setProperty(ORIGINAL, message.getBody(String.class));
        Report report = exchange.getProperty(ReportReader.REPORT, Report.class);
        // whatever the report's source: HL7 or JSON, with or without identity fields
        String text = scrubber.scrub(report.reportText(), report.identity());
        NlpReportText sent = NlpReportText.of(text);
        Path file = Files.createTempFile("xraydar-nlp-", ".txt");
        XraydarResult result;
        try {
            Files.writeString(file, sent.text(), StandardCharsets.UTF_8);
            result = client.call(file, "report.txt", "text/plain; charset=utf-8");
        } finally {
            Files.deleteIfExists(file);
        }
        FindingsEventBuilder event = FindingsEventBuilder.nlp()
                .study(report.accessionNumber(), report.studyInstanceUid(), events.patientId(report.patientId()))
                .report(report.reportId(), report.status().name().toLowerCase(), Long.toString(report.version()))
                .result(result, events.thresholds())
                .reportText(sent.approximateTokens(), NlpReportText.MODEL_TOKEN_LIMIT, sent.probablyTruncated(),
                        sent.impressionFirst());
        events.engine(event, "nlp", client);
        if (report.receivedAt() != null) {
            event.receivedAt(report.receivedAt());
        }
        message.setBody(event.build(Instant.now()));
        String key = report.accessionNumber() != null ? report.accessionNumber() : report.studyInstanceUid();
        message.setHeader(KafkaConstants.KEY, key);
        events.describe(message, "nlp", report.reportId() + ":" + report.version());
    }

    /** Puts the report back as the body, so that its dead letter can be replayed. */
    public void restoreReport(Exchange exchange) {
        String original = exchange.getProperty(ORIGINAL, String.class);
        if (original != null) {
            exchange.getMessage().setBody(original);
        }
    }
}
