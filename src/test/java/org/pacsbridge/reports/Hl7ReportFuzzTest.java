package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

/**
 * The report flow fed arbitrary input.
 *
 * <ul>
 * <li>{@code mllpPayload}: the path of an MLLP payload, from the received bytes through
 *     {@link Hl7MessageParser} and {@link ReportExtractor} to a {@link Report} and an AA, or to a
 *     refusal ({@link Hl7RejectException} AR, {@link Hl7ContentException} AE) and its ACK.</li>
 * <li>{@code topicValue}: a value of the reports topic read as {@link ReportReader} does, HL7 v2 or
 *     report JSON, to a report or a refusal ({@link Hl7MessageException}, {@link ReportFormatException}).</li>
 * </ul>
 *
 * <p>No other exception may escape, every refusal must give an ACK, and a report must survive its
 * own JSON form.
 */
@Tag("fuzz")
class Hl7ReportFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-15T10:20:00Z"), ZoneOffset.UTC);
    private static final Hl7MessageParser PARSER = new Hl7MessageParser();
    private static final ReportExtractor EXTRACTOR = new ReportExtractor(CLOCK);
    private static final ExtractionSettings SETTINGS =
            new ExtractionSettings(ExtractionSettings.DEFAULT_ACCESSION_FIELDS, ZoneId.of("Europe/London"));
    private static final AckBuilder ACKS = new AckBuilder(CLOCK, () -> "ACK0000000000001");
    private static final ReportJson JSON = new ReportJson();

    @FuzzTest
    @Timeout(20)
    void mllpPayload(byte[] payload) throws ReportFormatException {
        String ack;
        try {
            ParsedMessage parsed = PARSER.parse(payload);
            checkReport(EXTRACTOR.extract(parsed, SETTINGS));
            ACKS.acceptAckWanted(parsed.header(), AckCode.AA);
            ack = ACKS.build(parsed.header(), AckCode.AA, null);
        } catch (Hl7MessageException refused) {
            assertNotNull(refused.error(), "refusal without error");
            ACKS.acceptAckWanted(refused.header(), refused.ackCode());
            ack = ACKS.build(refused);
        }
        assertTrue(ack.startsWith("MSH"), "ACK does not start with MSH");
        assertTrue(ack.contains("\rMSA"), "ACK without MSA");
    }

    @FuzzTest
    @Timeout(20)
    void topicValue(byte[] value) throws ReportFormatException {
        String text = new String(value, StandardCharsets.UTF_8);
        Report report;
        try {
            report = switch (ReportSource.detect(text)) {
                case ER7 -> EXTRACTOR.extract(PARSER.parse(text), SETTINGS);
                case JSON -> JSON.fromJson(text);
                default -> null;
            };
        } catch (Hl7MessageException | ReportFormatException refused) {
            assertNotNull(refused.getMessage(), "refusal without reason");
            return;
        }
        if (report != null) {
            checkReport(report);
        }
    }

    private static void checkReport(Report report) throws ReportFormatException {
        assertFalse(report.accessionNumber().isBlank(), "blank accession number");
        assertFalse(report.reportText().isBlank(), "blank report text");
        Report again = JSON.fromJson(JSON.toJson(report));
        assertEquals(report.accessionNumber(), again.accessionNumber(), "accession number after JSON");
        assertEquals(report.version(), again.version(), "version after JSON");
    }
}
