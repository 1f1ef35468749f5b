package org.pacsbridge.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads a value of the reports topic — HL7 v2 ER7 or report JSON — into a {@link Report}, kept in
 * the exchange property {@value #REPORT}. The message body stays the original value, so that a
 * dead letter carries exactly what was read.
 */
@ApplicationScoped
@Named("reportReader")
public class ReportReader {

    public static final String REPORT = "pacs.report";
    /** Header: the key under which a report version is sent to X-Raydar once. */
    public static final String VERSION_KEY = "pacs.report.version-key";

    @Inject
    Hl7MessageParser parser;

    @Inject
    ReportExtractor extractor;

    @Inject
    ExtractionSettings settings;

    @Inject
    ReportJson json;

    public void read(Exchange exchange) throws Hl7MessageException, ReportFormatException {
        Message message = exchange.getMessage();
        String value = message.getBody(String.class);
        Report report = switch (ReportSource.detect(value)) {
            case ER7 -> extractor.extract(parser.parse(value), settings);
            case JSON -> json.fromJson(value);
            default -> throw new ReportFormatException("value is neither HL7 v2 (MSH...) nor report JSON ({...})");
        };
        exchange.setProperty(REPORT, report);
        message.setHeader(ReportIntake.ACCESSION, report.accessionNumber());
        message.setHeader(VERSION_KEY, "report:" + report.reportId() + ":" + report.version());
    }
}
