package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pacsbridge.testing.Dcmtk;

/**
 * Cross-checks with DCMTK: files made by dump2dcm, dcmconv and img2dcm must read correctly, and
 * dcmdump must accept what Part10Writer writes. Skipped when DCMTK is not on the PATH.
 */
class DcmtkInteropTest {

    private static final String SOP_INSTANCE = "1.2.826.0.1.3680043.2.1125.7.7.7";
    private static final String STUDY = "1.2.826.0.1.3680043.2.1125.7.1";
    private static final String SERIES = "1.2.826.0.1.3680043.2.1125.7.2";

    /** Input for dump2dcm: sequences with nested items and decoys, Latin-1 text. */
    private static final String DUMP = String.join("\n",
            "(0008,0005) CS [ISO_IR 100]",
            "(0008,0008) CS [DERIVED\\SECONDARY]",
            "(0008,0016) UI [" + UID.DigitalXRayImageStorageForPresentation + "]",
            "(0008,0018) UI [" + SOP_INSTANCE + "]",
            "(0008,0020) DA [20231224]",
            "(0008,0050) SH [A-77]",
            "(0008,0060) CS [DX]",
            "(0008,0068) CS [FOR PRESENTATION]",
            "(0008,1030) LO [Hand links \u00e4\u00f6\u00fc]",
            "(0008,103e) LO [pa]",
            "(0008,1140) SQ (Sequence with undefined length #=2)",
            "(fffe,e000) na (Item with undefined length #=2)",
            "(0008,1150) UI [" + UID.CTImageStorage + "]",
            "(0008,1155) UI [1.2.3.4]",
            "(fffe,e00d) na (ItemDelimitationItem)",
            "(fffe,e000) na (Item with undefined length #=1)",
            "(0008,1199) SQ (Sequence with undefined length #=1)",
            "(fffe,e000) na (Item with undefined length #=1)",
            "(0008,0060) CS [MR]",
            "(fffe,e00d) na (ItemDelimitationItem)",
            "(fffe,e0dd) na (SequenceDelimitationItem)",
            "(fffe,e00d) na (ItemDelimitationItem)",
            "(fffe,e0dd) na (SequenceDelimitationItem)",
            "(0010,0010) PN [Doe^Jane]",
            "(0010,0020) LO [PID-DCMTK]",
            "(0010,0021) LO [ISSUER]",
            "(0010,0030) DA [19800202]",
            "(0010,1002) SQ (Sequence with undefined length #=1)",
            "(fffe,e000) na (Item with undefined length #=1)",
            "(0010,0020) LO [OTHER]",
            "(fffe,e00d) na (ItemDelimitationItem)",
            "(fffe,e0dd) na (SequenceDelimitationItem)",
            "(0018,0015) CS [HAND]",
            "(0018,5101) CS [AP]",
            "(0020,000d) UI [" + STUDY + "]",
            "(0020,000e) UI [" + SERIES + "]",
            "(0029,0010) LO [PACSBRIDGE]",
            "(0029,1001) OB 01\\02\\03\\04\\05\\06",
            "") ;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireDcmtk() {
        Assumptions.assumeTrue(Dcmtk.onPath("dump2dcm") && Dcmtk.onPath("dcmconv") && Dcmtk.onPath("dcmdump") && Dcmtk.onPath("img2dcm"),
                "DCMTK not installed");
    }

    static Stream<Arguments> dump2dcmOptions() {
        return Stream.of(
                Arguments.of(List.of("+te"), UID.ExplicitVRLittleEndian),
                Arguments.of(List.of("+tb"), UID.ExplicitVRBigEndian),
                Arguments.of(List.of("+ti"), UID.ImplicitVRLittleEndian),
                Arguments.of(List.of("+td"), UID.DeflatedExplicitVRLittleEndian),
                Arguments.of(List.of("+te", "-e", "+g"), UID.ExplicitVRLittleEndian),
                Arguments.of(List.of("+tb", "-e", "+g"), UID.ExplicitVRBigEndian),
                Arguments.of(List.of("+ti", "-e", "+p", "256", "8"), UID.ImplicitVRLittleEndian),
                Arguments.of(List.of("+td", "-e", "+cl", "9"), UID.DeflatedExplicitVRLittleEndian));
    }

    @ParameterizedTest
    @MethodSource("dump2dcmOptions")
    void readsFilesWrittenByDump2dcm(List<String> options, String expectedTransferSyntax) throws Exception {
        Path file = dump2dcm(options);
        assertDumpAttributes(file, expectedTransferSyntax);
    }

    @ParameterizedTest
    @MethodSource("dump2dcmOptions")
    void readsFilesConvertedByDcmconv(List<String> options, String expectedTransferSyntax) throws Exception {
        Path source = dump2dcm(List.of("+ti"));
        Path converted = dir.resolve("converted.dcm");
        List<String> command = new ArrayList<>(List.of("dcmconv"));
        command.addAll(options);
        command.add(source.toString());
        command.add(converted.toString());
        run(command);
        assertDumpAttributes(converted, expectedTransferSyntax);
    }

    @Test
    void readsJpegBaselineFileFromImg2dcm() throws Exception {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                image.getRaster().setSample(x, y, 0, (x * 8 + y * 3) & 0xFF);
            }
        }
        Path jpeg = dir.resolve("in.jpg");
        assertTrue(ImageIO.write(image, "jpeg", jpeg.toFile()));
        Path file = dir.resolve("jpeg.dcm");
        run(List.of("img2dcm", "-k", "0010,0020=PID-JPEG", "-k", "0008,0060=XC", "-k", "0008,0050=ACC-J",
                "-k", "0018,0015=KNEE", jpeg.toString(), file.toString()));

        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            assertEquals(UID.JPEGBaseline8Bit, meta.transferSyntaxUid());
            TransferSyntax ts = TransferSyntax.of(meta.transferSyntaxUid());
            assertTrue(ts.encapsulated());
            RoutingAttributes a = DataSetReader.read(in, ts);
            assertEquals("PID-JPEG", a.patientId());
            assertEquals("XC", a.modality());
            assertEquals("ACC-J", a.accessionNumber());
            assertEquals("KNEE", a.bodyPartExamined());
            assertEquals(meta.mediaStorageSopClassUid(), a.sopClassUid());
            assertEquals(meta.mediaStorageSopInstanceUid(), a.sopInstanceUid());
            assertNotNull(a.studyInstanceUid());
            assertNotNull(a.seriesInstanceUid());
        }
    }

    static Stream<Arguments> ourEncodings() {
        return Stream.of(
                Arguments.of(UID.ImplicitVRLittleEndian, (Supplier<DataSetBuilder>) DataSetBuilder::implicitLittle),
                Arguments.of(UID.ExplicitVRLittleEndian, (Supplier<DataSetBuilder>) DataSetBuilder::explicitLittle),
                Arguments.of(UID.ExplicitVRBigEndian, (Supplier<DataSetBuilder>) DataSetBuilder::explicitBig),
                Arguments.of(UID.DeflatedExplicitVRLittleEndian, (Supplier<DataSetBuilder>) DataSetBuilder::explicitLittle));
    }

    /** Also checks that the synthetic data sets the other tests use are what DCMTK understands. */
    @ParameterizedTest
    @MethodSource("ourEncodings")
    void dcmdumpAcceptsPart10WriterOutput(String transferSyntax, Supplier<DataSetBuilder> builder) throws Exception {
        byte[] dataSet = TypicalDataSet.build(builder.get());
        if (TransferSyntax.of(transferSyntax).deflated()) {
            dataSet = DataSetBuilder.deflate(dataSet);
        }
        Path file = dir.resolve("ours.dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            Part10Writer.writeFileMeta(out, FileMeta.ofThisImplementation(UID.CTImageStorage,
                    TypicalDataSet.SOP_INSTANCE, transferSyntax).withSourceAeTitle("PACSBRIDGE"));
            out.write(dataSet);
        }
        Dcmtk.Result dump = run(List.of("dcmdump", "-Un", file.toString()));
        String out = dump.output();
        assertTrue(out.contains("(0002,0000) UL "), out);
        assertTrue(out.contains("(0002,0001) OB 00\\01"), out);
        assertTrue(out.contains("(0002,0002) UI [" + UID.CTImageStorage + "]"), out);
        assertTrue(out.contains("(0002,0003) UI [" + TypicalDataSet.SOP_INSTANCE + "]"), out);
        assertTrue(out.contains("(0002,0010) UI [" + transferSyntax + "]"), out);
        assertTrue(out.contains("(0002,0012) UI [" + UID.IMPLEMENTATION_CLASS + "]"), out);
        assertTrue(out.contains("(0002,0013) SH [" + UID.IMPLEMENTATION_VERSION_NAME + "]"), out);
        assertTrue(out.contains("(0002,0016) AE [PACSBRIDGE]"), out);
        assertTrue(out.contains("(0010,0020) LO [" + TypicalDataSet.PATIENT_ID + "]"), out);
        assertTrue(out.contains("(0020,000e) UI [" + TypicalDataSet.SERIES + "]"), out);
        assertTrue(out.contains("(7fe0,0010) OW"), out);
        assertFalse(dump.errorOutput().lines().anyMatch(line -> line.startsWith("E:") || line.startsWith("F:")), dump.errorOutput());
        // dcmtk would warn if the group length disagreed with the elements
        assertFalse(dump.errorOutput().toLowerCase().contains("group length"), dump.errorOutput());
    }

    private Path dump2dcm(List<String> options) throws Exception {
        Path dump = dir.resolve("in.dump");
        Files.write(dump, DUMP.getBytes(StandardCharsets.ISO_8859_1));
        Path file = dir.resolve("dump.dcm");
        List<String> command = new ArrayList<>(List.of("dump2dcm"));
        command.addAll(options);
        command.add(dump.toString());
        command.add(file.toString());
        run(command);
        return file;
    }

    private static void assertDumpAttributes(Path file, String expectedTransferSyntax) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            assertEquals(expectedTransferSyntax, meta.transferSyntaxUid());
            assertEquals(UID.DigitalXRayImageStorageForPresentation, meta.mediaStorageSopClassUid());
            assertEquals(SOP_INSTANCE, meta.mediaStorageSopInstanceUid());
            assertNotNull(meta.implementationClassUid());

            RoutingAttributes a = DataSetReader.read(in, TransferSyntax.of(meta.transferSyntaxUid()));
            assertEquals("PID-DCMTK", a.patientId());
            assertEquals("ISSUER", a.issuerOfPatientId());
            assertEquals("A-77", a.accessionNumber());
            assertEquals(STUDY, a.studyInstanceUid());
            assertEquals(SERIES, a.seriesInstanceUid());
            assertEquals(SOP_INSTANCE, a.sopInstanceUid());
            assertEquals(UID.DigitalXRayImageStorageForPresentation, a.sopClassUid());
            assertEquals("DX", a.modality());
            assertEquals("HAND", a.bodyPartExamined());
            assertEquals("AP", a.viewPosition());
            assertEquals(List.of("DERIVED", "SECONDARY"), a.imageType());
            assertEquals("Hand links \u00e4\u00f6\u00fc", a.studyDescription());
            assertEquals("pa", a.seriesDescription());
            assertEquals("FOR PRESENTATION", a.presentationIntentType());
            assertEquals("20231224", a.studyDate());
        }
    }

    private Dcmtk.Result run(List<String> command) throws Exception {
        Dcmtk.Result result = Dcmtk.runSeparately(60, command);
        assertEquals(0, result.exitCode(), command + " failed: " + result.errorOutput());
        return result;
    }
}
