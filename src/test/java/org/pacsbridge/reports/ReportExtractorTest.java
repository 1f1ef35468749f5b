package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacsbridge.reports.Hl7MessageParserTest.assertError;
import static org.pacsbridge.reports.TestMessages.ACCESSION;
import static org.pacsbridge.reports.TestMessages.CHEST;
import static org.pacsbridge.reports.TestMessages.CONTROL_ID;
import static org.pacsbridge.reports.TestMessages.mdm;
import static org.pacsbridge.reports.TestMessages.obr;
import static org.pacsbridge.reports.TestMessages.obxTx;
import static org.pacsbridge.reports.TestMessages.oru;
import static org.pacsbridge.reports.TestMessages.replaceSegment;
import static org.pacsbridge.reports.TestMessages.segment;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportExtractorTest {

    private static final Instant NOW = Instant.parse("2024-03-15T09:20:00Z");
    private static final ExtractionSettings SETTINGS = new ExtractionSettings(ExtractionSettings.DEFAULT_ACCESSION_FIELDS, ZoneId.of("Europe/Berlin"));

    private final Hl7MessageParser parser = new Hl7MessageParser();
    private final ReportExtractor extractor = new ReportExtractor(Clock.fixed(NOW, ZoneId.of("UTC")));

    private Report extract(String er7) throws Hl7MessageException {
        return extractor.extract(parser.parse(er7), SETTINGS);
    }

    private Hl7MessageException failure(String er7) {
        return assertThrows(Hl7MessageException.class, () -> extract(er7));
    }

    @Test
    void normalFinalChestReport() throws Exception {
        Report r = extract(oru("2.5.1"));
        assertEquals(Report.SCHEMA, r.schema());
        assertEquals(ACCESSION, r.accessionNumber());
        assertEquals(CONTROL_ID, r.messageControlId());
        assertEquals("ORU^R01", r.messageType());
        assertEquals("2.5.1", r.hl7Version());
        assertEquals("RIS", r.sendingApplication());
        assertEquals("RADIOLOGY", r.sendingFacility());
        assertEquals("4711-0815", r.patientId());
        assertEquals("HOSP", r.patientIdAssigningAuthority());
        assertEquals("MR", r.patientIdTypeCode());
        assertEquals("36643-5", r.procedureCode());
        assertEquals("XR CHEST 2 VIEWS", r.procedureText());
        assertEquals("LN", r.procedureCodingSystem());
        assertEquals(ReportStatus.FINAL, r.status());
        assertEquals("F", r.hl7Status());
        assertEquals(OffsetDateTime.parse("2024-03-15T09:30:00+01:00"), r.observationTime());
        assertEquals(NOW, r.receivedAt());
        assertEquals("FINDINGS: Heart size normal. Lungs are clear.\nIMPRESSION: No acute cardiopulmonary disease.", r.reportText());
        assertNull(r.studyInstanceUid());
        // FINAL rank 4, MSH-7 20240315101500+0100 = 09:15:00 UTC
        assertEquals(4_20240315091500000L, r.version());
    }

    @Test
    void identityHoldsAllNamesIdsAndBirthDate() throws Exception {
        PatientIdentity identity = extract(oru("2.5.1")).identity();
        assertEquals(List.of("Müller-Lüdenscheidt", "Anna", "Maria", "Schmidt"), identity.names());
        assertEquals(List.of("4711-0815", "900123456", "PL-77812", ACCESSION), identity.identifiers());
        assertEquals(List.of(LocalDate.of(1964, 7, 23)), identity.dates());
    }

    @Test
    void aNameWithABackslashIsScrubbedFromTheTextAsWritten() throws Exception {
        String message = replaceSegment(oru("2.5.1"), "PID", segment("PID", 1, "1", 3, "4711-0815^^^HOSP^MR",
                5, "O\\Brien^Sean", 7, "19640723"));
        message = replaceSegment(message, "OBX", null).stripTrailing() + "\r"
                + obxTx(1, "Mr O\\Brien's chest: no consolidation. Sean O\\Brien to follow up.") + "\r";
        Report r = extract(message);
        assertEquals(List.of("O\\Brien", "Sean"), r.identity().names());
        String scrubbed = new ReportTextScrubber().scrub(r.reportText(), r.identity());
        assertFalse(scrubbed.contains("Brien"), scrubbed);
        assertFalse(scrubbed.contains("Sean"), scrubbed);
        assertTrue(scrubbed.contains("no consolidation"), scrubbed);
    }

    @Test
    void toStringShowsNoPatientDataAndNoText() throws Exception {
        Report r = extract(oru("2.5.1"));
        String text = r.toString();
        assertTrue(text.contains(ACCESSION));
        for (String secret : List.of("Müller", "Anna", "4711-0815", "1964", "Lungs", "FINDINGS")) {
            assertFalse(text.contains(secret), secret);
        }
        assertEquals("PatientIdentity[redacted]", r.identity().toString());
    }

    @Test
    void abnormalReport() throws Exception {
        String message = replaceSegment(oru("2.4"), "OBX", null)
                + segment("OBX", 1, "1", 2, "TX", 3, "18782-3^Study observation^LN", 5, "Right lower lobe consolidation.", 8, "A", 11, "F") + "\r"
                + segment("OBX", 1, "2", 2, "TX", 3, "19005-8^Impression^LN", 5, "IMPRESSION: Pneumonia.", 8, "A", 11, "F") + "\r";
        Report r = extract(message);
        assertEquals("Right lower lobe consolidation.\nIMPRESSION: Pneumonia.", r.reportText());
        assertEquals(ReportStatus.FINAL, r.status());
    }

    @Test
    void preliminaryFinalAndCorrectedMapAndSupersedeInOrder() throws Exception {
        Report preliminary = extract(oru("2.5.1", "P"));
        Report fin = extract(oru("2.5.1", "F").replace("20240315101500+0100||ORU", "20240315111500+0100||ORU"));
        Report corrected = extract(oru("2.5.1", "C").replace("20240315101500+0100||ORU", "20240316080000+0100||ORU"));
        Report lateCorrection = extract(oru("2.5.1", "C").replace("20240315101500+0100||ORU", "20240317080000+0100||ORU"));
        Report latePreliminary = extract(oru("2.5.1", "P").replace("20240315101500+0100||ORU", "20240318080000+0100||ORU"));
        assertEquals(ReportStatus.PRELIMINARY, preliminary.status());
        assertEquals(ReportStatus.FINAL, fin.status());
        assertEquals(ReportStatus.CORRECTED, corrected.status());
        assertEquals("C", corrected.hl7Status());
        assertEquals(preliminary.reportId(), corrected.reportId());
        assertTrue(preliminary.version() < fin.version());
        assertTrue(fin.version() < corrected.version());
        assertTrue(corrected.version() < lateCorrection.version());
        assertTrue(latePreliminary.version() < fin.version(), "a preliminary arriving late does not replace the final");
    }

    @Test
    void otherResultStatusesMap() throws Exception {
        assertEquals(ReportStatus.CANCELLED, extract(oru("2.5.1", "X")).status());
        assertEquals(ReportStatus.PARTIAL, extract(oru("2.5.1", "A")).status());
        assertEquals(ReportStatus.PRELIMINARY, extract(oru("2.5.1", "R")).status());
        assertEquals(ReportStatus.IN_PROGRESS, extract(oru("2.5.1", "I")).status());
    }

    @Test
    void reportIdDependsOnSourceAndAccession() throws Exception {
        Report a = extract(oru("2.5.1"));
        Report otherSource = extract(oru("2.5.1").replace("|RIS|", "|RIS2|"));
        Report otherAccession = extract(oru("2.5.1").replace(ACCESSION, "ACC2024-0002"));
        assertNotEquals(a.reportId(), otherSource.reportId());
        assertNotEquals(a.reportId(), otherAccession.reportId());
        assertEquals(a.reportId(), extract(oru("2.3")).reportId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1"})
    void everyVersionGivesTheSameReport(String version) throws Exception {
        Report r = extract(oru(version));
        assertEquals(version, r.hl7Version());
        assertEquals(ACCESSION, r.accessionNumber());
        assertEquals("4711-0815", r.patientId());
        assertEquals("HOSP", r.patientIdAssigningAuthority());
        assertEquals("36643-5", r.procedureCode());
        assertEquals(ReportStatus.FINAL, r.status());
        assertEquals(2, r.reportText().lines().count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1"})
    void mdmT02InEveryVersion(String version) throws Exception {
        Report r = extract(mdm(version, "AU"));
        assertEquals("MDM^T02", r.messageType());
        assertEquals(ACCESSION, r.accessionNumber(), "TXA-15 filler order number");
        assertEquals(ReportStatus.FINAL, r.status());
        assertEquals("AU", r.hl7Status());
        assertEquals("RAD", r.procedureCode(), "TXA-2 document type when there is no OBR");
        assertEquals(OffsetDateTime.parse("2024-03-15T09:30:00+01:00"), r.observationTime());
        assertEquals("Chest radiograph, PA and lateral.\nNo pneumothorax.", r.reportText());
    }

    @Test
    void mdmDocumentStatusesMap() throws Exception {
        assertEquals(ReportStatus.PRELIMINARY, extract(mdm("2.5", "DO")).status());
        assertEquals(ReportStatus.PRELIMINARY, extract(mdm("2.5", "PA")).status());
        assertEquals(ReportStatus.FINAL, extract(mdm("2.5", "LA")).status());
        assertEquals(ReportStatus.IN_PROGRESS, extract(mdm("2.5", "IP")).status());
        assertError(failure(mdm("2.5", "ZZ")), AckCode.AE, 103);
    }

    @Test
    void mdmWithOrderUsesOrderFields() throws Exception {
        String message = mdm("2.5.1", "AU").replace("\rTXA|", "\r" + segment("ORC", 1, "RE") + "\r"
                + obr("ACC-FROM-OBR", CHEST, "F") + "\rTXA|");
        Report r = extract(message);
        assertEquals("ACC-FROM-OBR", r.accessionNumber());
        assertEquals("36643-5", r.procedureCode());
        assertEquals("AU", r.hl7Status());
    }

    @Test
    void aPlacerOrderNumberIsNeverTakenForTheAccession() throws Exception {
        String mdmWithPlacerOnly = mdm("2.4", "AU").replace("|" + ACCESSION + "||AU", "|||AU");
        assertError(failure(mdmWithPlacerOnly), AckCode.AE, 101);
        String oruWithPlacerOnly = oru("2.5.1").replace(TestMessages.obr(ACCESSION, CHEST, "F"),
                segment("OBR", 1, "1", 2, "PL-77812", 4, CHEST, 7, "20240315093000", 25, "F"))
                .replace("|RE|PL-77812|" + ACCESSION, "|RE|PL-77812|");
        assertError(failure(oruWithPlacerOnly), AckCode.AE, 101);
    }

    @Test
    void theIheAccessionFieldIsTakenWhenTheFillerOrderNumberIsEmpty() throws Exception {
        String message = oru("2.5.1").replace(TestMessages.obr(ACCESSION, CHEST, "F"),
                segment("OBR", 1, "1", 2, "PL-77812", 4, CHEST, 7, "20240315093000", 18, "ACC-IHE-1", 25, "F"));
        assertEquals("ACC-IHE-1", extract(message).accessionNumber());
    }

    @Test
    void theDefaultAccessionFieldsAreTheConfiguredDefault() throws Exception {
        java.util.Properties defaults = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("config/application.properties"))) {
            defaults.load(in);
        }
        assertEquals(String.join(",", ExtractionSettings.DEFAULT_ACCESSION_FIELDS),
                defaults.getProperty("pacs.reports.accession-fields"));
    }

    @Test
    void utf8TextWithMsh18() throws Exception {
        String message = replaceSegment(oru("2.5.1").replace("|P|2.5.1", "|P|2.5.1||||||UNICODE UTF-8"), "OBX", null)
                + obxTx(1, "Befund: Lungenödem? Nein. Résumé: Herzgröße normal, 中文 Befund.") + "\r";
        assertEquals("Befund: Lungenödem? Nein. Résumé: Herzgröße normal, 中文 Befund.", extract(message).reportText());
        Report fromBytes = extractor.extract(parser.parse(message.getBytes(StandardCharsets.UTF_8)), SETTINGS);
        assertEquals("Befund: Lungenödem? Nein. Résumé: Herzgröße normal, 中文 Befund.", fromBytes.reportText());
    }

    @Test
    void hexEscapesUseTheMessageCharset() throws Exception {
        String utf8 = replaceSegment(oru("2.5.1").replace("|P|2.5.1", "|P|2.5.1||||||UNICODE UTF-8"), "OBX", null)
                + obxTx(1, "Lungen\\XC3B6\\dem") + "\r";
        assertEquals("Lungenödem", extract(utf8).reportText());
        String latin1 = replaceSegment(oru("2.5.1").replace("|P|2.5.1", "|P|2.5.1||||||8859/1"), "OBX", null)
                + obxTx(1, "Lungen\\XF6\\dem") + "\r";
        assertEquals("Lungenödem", extract(latin1).reportText());
    }

    @Test
    void formattedTextEscapesBecomeText() throws Exception {
        String message = replaceSegment(oru("2.5.1"), "OBX", null)
                + segment("OBX", 1, "1", 2, "FT", 3, "IMP^Impression", 5,
                        "Line one\\.br\\Line two \\H\\bold\\N\\ a\\T\\b\\X0D0A\\x \\F\\ \\S\\ \\R\\ \\E\\ \\.sp 2\\end", 11, "F") + "\r"
                + segment("OBX", 1, "2", 2, "TX", 3, "IMP", 5, "rep one~~rep two", 11, "F") + "\r"
                + segment("OBX", 1, "3", 2, "ST", 3, "IMP", 5, "plain \\T\\ text", 11, "F") + "\r"
                + segment("OBX", 1, "4", 2, "CE", 3, "RID^Finding", 5, "RID5350^pneumonia^RADLEX", 11, "F") + "\r"
                + segment("OBX", 1, "5", 2, "NM", 3, "SIZE", 5, "12", 11, "F") + "\r";
        assertEquals("Line one\nLine two bold a&b\nx | ^ ~ \\ \n\nend\nrep one\n\nrep two\nplain & text", extract(message).reportText());
    }

    @Test
    void studyInstanceUidFromObxIsNotReportText() throws Exception {
        String message = oru("2.5.1") + segment("OBX", 1, "3", 2, "ST", 3, "110180^Study Instance UID^DCM", 5, "1.2.840.113619.2.55.3.2831164355.1", 11, "F") + "\r";
        Report r = extract(message);
        assertEquals("1.2.840.113619.2.55.3.2831164355.1", r.studyInstanceUid());
        assertFalse(r.reportText().contains("1.2.840"));
        String byText = oru("2.4") + segment("OBX", 1, "3", 2, "ST", 3, "SUID^Study Instance UID^L", 5, "1.2.3.4.5", 11, "F") + "\r";
        assertEquals("1.2.3.4.5", extract(byText).studyInstanceUid());
    }

    @Test
    void studyInstanceUidFromZds() throws Exception {
        Report r = extract(oru("2.3") + "ZDS|1.2.826.0.1.3680043.8.498.1^PACS^Application^DICOM\r");
        assertEquals("1.2.826.0.1.3680043.8.498.1", r.studyInstanceUid());
        assertNull(extract(oru("2.3") + "ZDS|not a uid^PACS\r").studyInstanceUid());
    }

    @Test
    void emptyResultStatusFallsBackToObservationStatus() throws Exception {
        Report r = extract(oru("2.5.1", ""));
        assertEquals(ReportStatus.FINAL, r.status());
        assertEquals("F", r.hl7Status());
    }

    @Test
    void accessionFieldOrderIsConfigurable() throws Exception {
        String message = oru("2.5.1").replace(TestMessages.obr(ACCESSION, CHEST, "F"),
                segment("OBR", 1, "1", 2, "PL-77812", 3, ACCESSION, 4, CHEST, 7, "20240315093000", 18, "PF1-555", 25, "F"));
        ExtractionSettings placerFieldFirst = new ExtractionSettings(List.of("OBR-18", "OBR-3"), ZoneId.of("UTC"));
        assertEquals("PF1-555", extractor.extract(parser.parse(message), placerFieldFirst).accessionNumber());
        assertEquals(OffsetDateTime.parse("2024-03-15T09:30:00Z"), extractor.extract(parser.parse(message), placerFieldFirst).observationTime());
        assertThrows(IllegalArgumentException.class, () -> new ExtractionSettings(List.of("OBR3"), ZoneId.of("UTC")));
    }

    @Test
    void lfAndCrLfMessagesGoThrough() throws Exception {
        assertEquals(ACCESSION, extract(oru("2.5.1").replace('\r', '\n')).accessionNumber());
        assertEquals(ACCESSION, extract(oru("2.3").replace("\r", "\r\n")).accessionNumber());
    }

    // --- content errors

    @Test
    void noAccessionIsAE101() {
        String message = oru("2.5.1").replace("|PL-77812|", "||").replace(ACCESSION, "");
        Hl7MessageException e = failure(message);
        assertError(e, AckCode.AE, 101);
        assertEquals(ErrorLocation.of("OBR", 3), e.error().location());
        assertEquals(CONTROL_ID, e.header().messageControlId());
    }

    @Test
    void noReportTextIsAE101() {
        String message = replaceSegment(oru("2.5.1"), "OBX", null)
                + segment("OBX", 1, "1", 2, "NM", 3, "SIZE", 5, "12", 11, "F") + "\r";
        Hl7MessageException e = failure(message);
        assertError(e, AckCode.AE, 101);
        assertEquals(ErrorLocation.of("OBX", 5), e.error().location());
    }

    @Test
    void unknownResultStatusIsAE103() {
        Hl7MessageException e = failure(oru("2.5.1", "Q"));
        assertError(e, AckCode.AE, 103);
        assertEquals(ErrorLocation.of("OBR", 25), e.error().location());
    }

    @Test
    void missingStatusIsAE101() {
        String message = replaceSegment(oru("2.5.1", ""), "OBX", null) + obxTx(1, "Text").replace("|F", "|") + "\r";
        assertError(failure(message), AckCode.AE, 101);
    }

    @Test
    void messageCutInsideObrIsAE101() {
        String full = oru("2.5.1");
        String truncated = full.substring(0, full.indexOf("XR CHEST") + 4);
        Hl7MessageException e = failure(truncated);
        assertError(e, AckCode.AE, 101);
    }

    @Test
    void unsupportedTypeAndVersionAreRejectedByTheExtractorToo() throws Exception {
        ParsedMessage parsed = parser.parse(oru("2.5.1"));
        MessageHeader h = parsed.header();
        MessageHeader adt = new MessageHeader(h.fieldSeparator(), h.encodingCharacters(), h.sendingApplication(), h.sendingFacility(),
                h.receivingApplication(), h.receivingFacility(), h.dateTimeOfMessage(), "ADT", "A01", "ADT_A01",
                h.messageControlId(), h.processingId(), h.versionId(), "", "", "");
        assertError(assertThrows(Hl7RejectException.class, () -> extractor.extract(new ParsedMessage(adt, parsed.message(), parsed.segments()), SETTINGS)),
                AckCode.AR, 200);
        MessageHeader v26 = new MessageHeader(h.fieldSeparator(), h.encodingCharacters(), h.sendingApplication(), h.sendingFacility(),
                h.receivingApplication(), h.receivingFacility(), h.dateTimeOfMessage(), "ORU", "R01", "ORU_R01",
                h.messageControlId(), h.processingId(), "2.6", "", "", "");
        assertError(assertThrows(Hl7RejectException.class, () -> extractor.extract(new ParsedMessage(v26, parsed.message(), parsed.segments()), SETTINGS)),
                AckCode.AR, 203);
    }

    @Test
    void ctHeadIsExtractedButIsNotChest() throws Exception {
        String message = oru("2.5.1").replace(CHEST, "30799-1^CT HEAD WO CONTRAST^LN");
        Report r = extract(message);
        assertEquals("CT HEAD WO CONTRAST", r.procedureText());
        assertFalse(ChestReportFilter.defaults().isChest(r));
        assertTrue(ChestReportFilter.defaults().isChest(extract(oru("2.5.1"))));
    }

    @Test
    void nonDefaultDelimitersAreDecoded() throws Exception {
        Report r = extract(oru("2.5").replace('|', '#').replace('^', '$'));
        assertEquals("36643-5", r.procedureCode());
        assertEquals("XR CHEST 2 VIEWS", r.procedureText());
        assertEquals("HOSP", r.patientIdAssigningAuthority());
        assertEquals("RADIOLOGY", r.sendingFacility());
    }
}
