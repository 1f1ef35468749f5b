package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.testing.Dcmtk;

class DataSetWriterTest {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.88.33";
    static final String SOP_INSTANCE = "1.2.826.0.1.3680043.2.1125.9.1";

    @TempDir
    Path dir;

    /** Set in an order unlike the tags', with two levels of nesting, an empty sequence and odd-length values. */
    static DataSet nested() {
        DataSet ds = new DataSet();
        ds.text(Tag.PatientID, VR.LO, "PID1");
        DataSet outer = ds.addItem(0x0040A730);
        outer.text(0x0040A040, VR.CS, "CONTAINER");
        DataSet inner = outer.addItem(0x0040A043);
        inner.text(0x00080100, VR.SH, "126000");
        inner.text(0x00080102, VR.SH, "DCM");
        ds.addItem(0x0040A730).text(0x0040A160, VR.UT, "odd");
        ds.emptySequence(0x00081111);
        ds.text(Tag.StudyInstanceUID, VR.UI, "1.2.3");
        ds.text(Tag.SOPInstanceUID, VR.UI, SOP_INSTANCE);
        ds.text(Tag.SOPClassUID, VR.UI, SOP_CLASS);
        ds.text(Tag.PatientName, VR.PN, (String) null);
        ds.text(Tag.ImageType, VR.CS, "DERIVED", "PRIMARY");
        ds.unsignedShort(0x00280010, 512);
        return ds;
    }

    @Test
    void dcmdumpReadsTheNestingInTagOrder() throws IOException {
        Assumptions.assumeTrue(Dcmtk.onPath("dcmdump"), "dcmdump (dcmtk) not installed");
        Path file = dir.resolve("nested.dcm");
        try (var out = Files.newOutputStream(file)) {
            DataSetWriter.writeFile(out, SOP_CLASS, SOP_INSTANCE, nested());
        }
        DcmtkSupport.assertDcmdumpAccepts(file);
        String dump = dump(file);
        List<String> tags = dump.lines().map(String::strip).filter(l -> l.startsWith("(") && !l.startsWith("(0002"))
                .map(l -> l.substring(0, 11)).toList();
        assertEquals(List.of("(0008,0008)", "(0008,0016)", "(0008,0018)", "(0008,1111)", "(fffe,e0dd)",
                "(0010,0010)", "(0010,0020)", "(0020,000d)", "(0028,0010)",
                "(0040,a730)",
                "(fffe,e000)", "(0040,a040)", "(0040,a043)",
                "(fffe,e000)", "(0008,0100)", "(0008,0102)", "(fffe,e00d)", "(fffe,e0dd)", "(fffe,e00d)",
                "(fffe,e000)", "(0040,a160)", "(fffe,e00d)",
                "(fffe,e0dd)"), tags, dump);
        assertTrue(dump.contains("(0008,0008) CS [DERIVED\\PRIMARY]"), dump);
        assertTrue(dump.contains("(0010,0010) PN (no value available)"), dump);
        assertTrue(dump.contains("(0028,0010) US 512"), dump);
        assertTrue(dump.contains("(0040,a160) UT [odd]"), dump);
    }

    @Test
    void oddValuesArePaddedWithTheirVrsByte() throws IOException {
        DataSet ds = new DataSet().text(Tag.StudyInstanceUID, VR.UI, "1.2.3").text(Tag.PatientID, VR.LO, "ABC");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataSetWriter.write(out, ds);
        byte[] expected = {
            0x10, 0x00, 0x20, 0x00, 'L', 'O', 4, 0, 'A', 'B', 'C', ' ',
            0x20, 0x00, 0x0D, 0x00, 'U', 'I', 6, 0, '1', '.', '2', '.', '3', 0};
        assertArrayEquals(expected, out.toByteArray());
    }

    @Test
    void theNodesOwnReaderFindsTheTopLevelAttributesBehindTheSequences() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataSetWriter.writeFile(out, SOP_CLASS, SOP_INSTANCE, nested());
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        FileMeta meta = Part10Reader.readFileMeta(in);
        assertEquals(SOP_INSTANCE, meta.mediaStorageSopInstanceUid());
        RoutingAttributes attributes = DataSetReader.read(in, TransferSyntax.of(meta.transferSyntaxUid()));
        assertEquals("PID1", attributes.patientId());
        assertEquals("1.2.3", attributes.studyInstanceUid());
        assertEquals(SOP_INSTANCE, attributes.sopInstanceUid());
    }

    @Test
    void aValueTooLongForItsHeaderIsRefused() {
        DataSet ds = new DataSet().text(Tag.StudyDescription, VR.LO, "x".repeat(70_000));
        assertThrows(DicomFormatException.class, () -> DataSetWriter.write(new ByteArrayOutputStream(), ds));
        // UT has a 32-bit length: the same text is written
        DataSet ut = new DataSet().text(0x0040A160, VR.UT, "x".repeat(70_000));
        assertDoesNotThrowIo(ut);
    }

    @Test
    void refusesWhatIsNotADataSetTextElement() {
        DataSet ds = new DataSet();
        assertThrows(IllegalArgumentException.class, () -> ds.text(Tag.TransferSyntaxUID, VR.UI, "1.2"));
        assertThrows(IllegalArgumentException.class, () -> ds.text(Tag.Item, VR.UI, "1.2"));
        assertThrows(IllegalArgumentException.class, () -> ds.text(0x0040A730, VR.SQ, "x"));
        assertThrows(IllegalArgumentException.class, () -> ds.unsignedShort(0x00280010, 65536));
    }

    @Test
    void nameBasedUidsAreStableValidAndApart() {
        String uid = NameBasedUid.of("purpose", "1.2.3", "engine");
        assertEquals(uid, NameBasedUid.of("purpose", "1.2.3", "engine"));
        assertTrue(UID.isValid(uid), uid);
        assertTrue(uid.startsWith("2.25.") && uid.length() <= 64, uid);
        assertNotEquals(uid, NameBasedUid.of("purpose", "1.2.3", "engine2"));
        // moving characters between parts gives another UID
        assertNotEquals(NameBasedUid.of("ab", "c"), NameBasedUid.of("a", "bc"));
    }

    private static void assertDoesNotThrowIo(DataSet ds) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataSetWriter.write(out, ds);
            assertEquals(12 + 70_000, out.size());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String dump(Path file) throws IOException {
        return Dcmtk.dcmdump(file, "+L");
    }
}
