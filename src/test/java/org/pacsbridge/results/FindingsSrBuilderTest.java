package org.pacsbridge.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.DeidentificationOptions;
import org.pacsbridge.dicom.Deidentifier;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.RoutingAttributes;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.model.FindingThresholds;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.model.XraydarResult.FindingProbability;
import org.pacsbridge.testing.Dcmtk;

class FindingsSrBuilderTest {

    static final ReportedImage IMAGE = new ReportedImage("Test^Patient", "PID123", null, "19600101", "F",
            "1.2.826.0.1.3680043.2.1125.1.1", "ACC2024-0001", "20240315", "101500", "S1", null, "XR CHEST PA",
            "1.2.826.0.1.3680043.2.1125.1.2", "1.2.840.10008.5.1.4.1.1.1", "1.2.826.0.1.3680043.2.1125.1.77");
    static final ReportingEngine ENGINE = new ReportingEngine("x-raydar-cv", "1.4.2", "X-Raydar", false);
    static final FindingThresholds THRESHOLDS = new FindingThresholds(0.5, Map.of("cardiomegaly", 0.3));
    static final Instant COMPLETED = Instant.parse("2026-12-07T10:15:30.123Z");

    @TempDir
    Path dir;

    static XraydarResult result() {
        return new XraydarResult("urgent", List.of(
                finding("pneumothorax", 0.8731),
                finding("pleural_effusion", 0.5),            // exactly at the threshold: Present
                finding("cardiomegaly", 0.31),               // above its own lower threshold: Present
                finding("consolidation", 0.4999),            // just below: Absent
                finding("abnormal_non_clinically_important", 0.0123456789),
                finding("pulmonary_bloodflow_redis", 0.0)),
                List.of(), List.of());
    }

    static FindingProbability finding(String code, double probability) {
        return new FindingProbability(FindingCatalogue.byCode(code).orElseThrow(), probability);
    }

    Path write(FindingsSr sr, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, sr.part10());
        return file;
    }

    static FindingsSr sample() {
        return FindingsSrBuilder.build(IMAGE, result(), THRESHOLDS, ENGINE, COMPLETED);
    }

    /**
     * dciodvfy finds no error. Its only warnings are expected: "Unrecognized defined term
     * <99XRAYDAR>" for Coding Scheme Designator, because the local scheme (declared in the Coding
     * Scheme Identification Sequence, as PS3.3 8.2 asks) is by definition not in its list.
     */
    @Test
    void dciodvfyFindsNoError() throws IOException {
        String out = SrTools.dciodvfy(write(sample(), "sr.dcm"));
        assertTrue(out.contains("ComprehensiveSR"), out);
        List<String> unexpected = out.lines()
                .filter(l -> l.startsWith("Error") || l.startsWith("Warning")
                        && !l.equals("Warning - Unrecognized defined term <99XRAYDAR> for value 1 of attribute <Coding Scheme Designator>"))
                .toList();
        assertEquals(List.of(), unexpected, out);
    }

    /**
     * PixelMed's DicomSRValidator finds the root template TID 1500 and no error. Its only warnings
     * are "Content Item not in template" for the Present/Absent items of the measurement groups:
     * its TID 1501 definition has no row for a group's qualitative evaluations (CONTAINS CODE), so
     * it flags them; every other item matches a row.
     */
    @Test
    void pixelmedFindsNoTemplateError() throws IOException {
        String out = SrTools.pixelmedSrValidator(write(sample(), "sr.dcm"));
        assertTrue(out.contains("Found Root Template TID_1500 (MeasurementReport)"), out);
        assertTrue(out.contains("IOD validation complete"), out);
        List<String> unexpected = out.lines()
                .filter(l -> l.startsWith("Error") || l.contains("Exception") || l.startsWith("Warning")
                        && !(l.matches("Warning: 1\\.9\\.\\d+\\.8: .*\"Measurement Group\"\\)/CODE.*: Content Item not in template")))
                .toList();
        assertEquals(List.of(), unexpected, out);
    }

    @Test
    void dsrdumpShowsOneGroupPerFindingWithItsProbabilityAndPresence() throws IOException {
        XraydarResult result = result();
        String tree = SrTools.dsrdump(write(sample(), "sr.dcm"));
        assertEquals(result.findings().size(), count(tree, "(125007,DCM,\"Measurement Group\")"), tree);
        Matcher certainty = Pattern.compile("\\(111012,DCM,\"Certainty of Finding\"\\)=\"([^\"]+)\" \\(%,UCUM,\"%\"\\)").matcher(tree);
        Matcher presence = Pattern.compile("=\\((52101004,SCT,\"Present\"|2667000,SCT,\"Absent\")\\)>").matcher(tree);
        for (FindingProbability fp : result.findings()) {
            assertTrue(certainty.find(), tree);
            assertEquals(fp.probability() * 100, Double.parseDouble(certainty.group(1)), 1e-9, fp.finding().code());
            assertTrue(presence.find(), tree);
            boolean positive = fp.probability() >= THRESHOLDS.threshold(fp.finding().code());
            assertEquals(positive, presence.group(1).contains("Present"), fp.finding().code());
        }
        assertTrue(!certainty.find() && !presence.find(), "more values than findings:\n" + tree);
        assertTrue(tree.contains("(121071,DCM,\"Finding\")=(36118008,SCT,\"Pneumothorax\")"), tree);
        assertTrue(tree.contains("(112039,DCM,\"Tracking Identifier\")=\"pneumothorax\""), tree);
        assertTrue(tree.contains("(121071,DCM,\"Finding\")=(Pulmonary_bloodflow_redis.,99XRAYDAR,"), tree);
        assertTrue(tree.contains("=(urgent,99XRAYDAR,\"Urgent\")"), tree);
        assertTrue(tree.contains("(121013,DCM,\"Device Observer Name\")=\"x-raydar-cv\""), tree);
        assertTrue(tree.contains("(111003,DCM,\"Algorithm Version\")=\"1.4.2\""), tree);
        assertTrue(tree.contains("Verification Flag   : UNVERIFIED"), tree);
        assertTrue(tree.contains("Completion Flag     : COMPLETE"), tree);
        assertTrue(tree.contains("Series              : " + FindingsSrBuilder.SERIES_DESCRIPTION), tree);
    }

    @Test
    void carriesTheOriginalStudyAndReferencesTheImage() throws IOException {
        FindingsSr sr = sample();
        String dump = dcmdump(write(sr, "sr.dcm"));
        assertEquals(IMAGE.studyInstanceUid(), sr.studyInstanceUid());
        assertTrue(dump.contains("(0010,0010) PN [Test^Patient]"), dump);
        assertTrue(dump.contains("(0010,0020) LO [PID123]"), dump);
        assertTrue(dump.contains("(0008,0050) SH [ACC2024-0001]"), dump);
        assertTrue(dump.contains("(0008,0060) CS [SR]"), dump);
        assertTrue(dump.contains("(0008,0016) UI =ComprehensiveSRStorage"), dump);
        // Current Requested Procedure Evidence: the study, its series and the image, nothing else
        int evidence = dump.indexOf("CurrentRequestedProcedureEvidenceSequence");
        int after = dump.indexOf("CompletionFlag", evidence);
        assertTrue(evidence > 0 && after > evidence, dump);
        String sequence = dump.substring(evidence, after);
        assertTrue(sequence.contains("(0020,000d) UI [" + IMAGE.studyInstanceUid() + "]"), sequence);
        assertTrue(sequence.contains("(0020,000e) UI [" + IMAGE.seriesInstanceUid() + "]"), sequence);
        assertTrue(sequence.contains("(0008,1150) UI =ComputedRadiographyImageStorage"), sequence);
        assertTrue(sequence.contains("(0008,1155) UI [" + IMAGE.sopInstanceUid() + "]"), sequence);
        assertEquals(1, count(sequence, "(0008,1155)"), sequence);
        assertTrue(dump.contains("(0020,000d) UI [" + IMAGE.studyInstanceUid() + "]"), dump);
        assertTrue(dump.contains("(0020,000e) UI [" + sr.seriesInstanceUid() + "]"), dump);
        assertNotEquals(IMAGE.seriesInstanceUid(), sr.seriesInstanceUid());
    }

    @Test
    void sameImageAndEngineGiveTheSameObject() {
        FindingsSr first = sample();
        FindingsSr again = FindingsSrBuilder.build(IMAGE, result(), THRESHOLDS, ENGINE, COMPLETED);
        assertEquals(first.sopInstanceUid(), again.sopInstanceUid());
        assertArrayEquals(first.part10(), again.part10());
        // a later answer for the same image replaces the SR: same UID, new content
        FindingsSr later = FindingsSrBuilder.build(IMAGE, result(), THRESHOLDS, ENGINE, COMPLETED.plusSeconds(60));
        assertEquals(first.sopInstanceUid(), later.sopInstanceUid());
        assertEquals(first.seriesInstanceUid(), later.seriesInstanceUid());
    }

    @Test
    void anotherEngineOrImageGivesAnotherObject() {
        FindingsSr first = sample();
        ReportingEngine newer = new ReportingEngine("x-raydar-cv", "1.5.0", "X-Raydar", false);
        FindingsSr byNewer = FindingsSrBuilder.build(IMAGE, result(), THRESHOLDS, newer, COMPLETED);
        assertNotEquals(first.sopInstanceUid(), byNewer.sopInstanceUid());
        assertNotEquals(first.seriesInstanceUid(), byNewer.seriesInstanceUid());
        ReportingEngine simulator = new ReportingEngine("x-raydar-cv", "1.4.2", "X-Raydar", true);
        assertNotEquals(first.sopInstanceUid(),
                FindingsSrBuilder.build(IMAGE, result(), THRESHOLDS, simulator, COMPLETED).sopInstanceUid());
        ReportedImage other = new ReportedImage("Test^Patient", "PID123", null, null, null, IMAGE.studyInstanceUid(),
                null, null, null, null, null, null, IMAGE.seriesInstanceUid(), IMAGE.sopClassUid(),
                "1.2.826.0.1.3680043.2.1125.1.78");
        FindingsSr ofOther = FindingsSrBuilder.build(other, result(), THRESHOLDS, ENGINE, COMPLETED);
        assertNotEquals(first.sopInstanceUid(), ofOther.sopInstanceUid());
        assertEquals(first.seriesInstanceUid(), ofOther.seriesInstanceUid(), "one SR series per study and engine");
    }

    @Test
    void simulatedResultsSaySoInTheSr() throws IOException {
        ReportingEngine simulator = new ReportingEngine("x-raydar-simulator", "demo", "PACS Bridge", true);
        Path file = write(FindingsSrBuilder.build(IMAGE, result(), THRESHOLDS, simulator, COMPLETED), "sim.dcm");
        String tree = SrTools.dsrdump(file);
        assertTrue(tree.contains("Series              : " + FindingsSrBuilder.SIMULATED_SERIES_DESCRIPTION), tree);
        assertTrue(tree.contains("(121013,DCM,\"Device Observer Name\")=\"x-raydar-simulator (SIMULATED, not model output)\""), tree);
        assertEquals(result().findings().size(),
                count(tree, "(111001,DCM,\"Algorithm Name\")=\"x-raydar-simulator (SIMULATED, not model output)\""), tree);
        assertTrue(SrTools.dciodvfy(file).lines().noneMatch(l -> l.startsWith("Error")));
    }

    /**
     * Built from a real image and its real de-identified copy (the one X-Raydar would get): none of
     * the copy's pseudonyms appears in the SR, all of the original's identifiers do.
     */
    @Test
    void noPseudonymOfTheDeidentifiedCopyAppears() throws IOException {
        Path original = Path.of("src/test/resources/org/pacsbridge/dicom/DataSetReaderFuzzTestInputs/part10File/cr-explicit-le.dcm");
        Path copy = dir.resolve("deidentified.dcm");
        byte[] salt = "a salt of the test".getBytes(StandardCharsets.UTF_8);
        Deidentifier.deidentify(original, copy, new DeidentificationOptions(salt,
                DeidentificationOptions.derivePseudonym(salt, "PID123")));
        RoutingAttributes real = routing(original);
        RoutingAttributes pseudo = routing(copy);
        ReportedImage image = new ReportedImage("TEST^PATIENT", real.patientId(), real.issuerOfPatientId(), null, null,
                real.studyInstanceUid(), real.accessionNumber(), real.studyDate(), null, null, null,
                real.studyDescription(), real.seriesInstanceUid(), real.sopClassUid(), real.sopInstanceUid());
        byte[] sr = FindingsSrBuilder.build(image, result(), THRESHOLDS, ENGINE, COMPLETED).part10();
        String text = new String(sr, StandardCharsets.ISO_8859_1);
        for (String pseudonym : new String[] {pseudo.patientId(), pseudo.studyInstanceUid(), pseudo.seriesInstanceUid(),
                pseudo.sopInstanceUid()}) {
            assertTrue(pseudonym != null && !pseudonym.isEmpty());
            assertFalse(text.contains(pseudonym), pseudonym);
        }
        for (String identifier : new String[] {real.patientId(), real.accessionNumber(), real.studyInstanceUid(),
                real.seriesInstanceUid(), real.sopInstanceUid()}) {
            assertNotEquals(identifier, null);
            assertTrue(text.contains(identifier), identifier);
        }
    }

    @Test
    void refusesAnImageWithoutStudyInstanceUid() {
        for (String study : new String[] {null, "", "not.a.uid."}) {
            ReportedImage noStudy = new ReportedImage("Test^Patient", "PID123", null, null, null, study,
                    "ACC2024-0001", null, null, null, null, null, IMAGE.seriesInstanceUid(), IMAGE.sopClassUid(),
                    IMAGE.sopInstanceUid());
            SrRefusedException e = assertThrows(SrRefusedException.class,
                    () -> FindingsSrBuilder.build(noStudy, result(), THRESHOLDS, ENGINE, COMPLETED));
            assertTrue(e.getMessage().contains("Study Instance UID"), e.getMessage());
        }
    }

    @Test
    void refusesAnImageWithoutInstanceIdentity() {
        ReportedImage noSop = new ReportedImage(null, null, null, null, null, IMAGE.studyInstanceUid(), null, null,
                null, null, null, null, IMAGE.seriesInstanceUid(), IMAGE.sopClassUid(), null);
        SrRefusedException e = assertThrows(SrRefusedException.class,
                () -> FindingsSrBuilder.build(noSop, result(), THRESHOLDS, ENGINE, COMPLETED));
        assertTrue(e.getMessage().contains("SOP Instance UID"), e.getMessage());
    }

    @Test
    void refusesAProbabilityOutsideZeroToOne() {
        for (double p : new double[] {-0.01, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY}) {
            XraydarResult bad = new XraydarResult("normal", List.of(finding("pneumothorax", p)), List.of(), List.of());
            assertThrows(SrRefusedException.class, () -> FindingsSrBuilder.build(IMAGE, bad, THRESHOLDS, ENGINE, COMPLETED),
                    Double.toString(p));
        }
    }

    @Test
    void missingFindingsMakeThePartialAndAnAbsentUrgencyIsLeftOut() throws IOException {
        XraydarResult partial = new XraydarResult(null, List.of(finding("pneumothorax", 0.2)), List.of(),
                List.of("cardiomegaly"));
        String tree = SrTools.dsrdump(write(FindingsSrBuilder.build(IMAGE, partial, THRESHOLDS, ENGINE, COMPLETED), "p.dcm"));
        assertTrue(tree.contains("Completion Flag     : PARTIAL"), tree);
        assertFalse(tree.contains("Qualitative Evaluations"), tree);
        assertEquals(1, count(tree, "(125007,DCM,\"Measurement Group\")"), tree);
    }

    @Test
    void percentIsExactAndFitsDecimalString() {
        assertEquals("30", FindingsSrBuilder.percent(0.1 + 0.2));
        assertEquals("100", FindingsSrBuilder.percent(1.0));
        assertEquals("0", FindingsSrBuilder.percent(0.0));
        assertEquals("87.31", FindingsSrBuilder.percent(0.8731));
        assertEquals("0.0000000001", FindingsSrBuilder.percent(1e-12));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            double p = random.nextDouble();
            String s = FindingsSrBuilder.percent(p);
            assertTrue(s.length() <= 16, s);
            assertEquals(p * 100, Double.parseDouble(s), 1e-9);
        }
    }

    private static RoutingAttributes routing(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            return DataSetReader.read(in, TransferSyntax.of(meta.transferSyntaxUid()));
        }
    }

    private static String dcmdump(Path file) throws IOException {
        Assumptions.assumeTrue(Dcmtk.onPath("dcmdump"), "dcmdump (dcmtk) not installed");
        return Dcmtk.dcmdump(file, "+L");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
