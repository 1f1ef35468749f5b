package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * De-identifies objects written by DCMTK (dump2dcm in every native transfer syntax, with defined
 * and undefined lengths; img2dcm for JPEG) and checks the copies with dcmdump. Skipped when DCMTK
 * is not on the PATH.
 */
class DeidentifierDcmtkTest {

    private static final DeidentificationOptions OPTIONS =
            new DeidentificationOptions("dcmtk-test-salt".getBytes(StandardCharsets.US_ASCII), "ANON-DCMTK");

    private static final List<String> IDENTIFYING = List.of(
            "1.2.826.0.1.3680043.2.1125.9.1", "1.2.826.0.1.3680043.2.1125.9.2", "1.2.826.0.1.3680043.2.1125.9.3",
            "1.2.826.0.1.3680043.2.1125.9.4", "1.2.826.0.1.3680043.2.1125.9.5", "Doe^Jane", "PID-DCMTK",
            "19800202", "20231224", "A-77", "Ref^Doc", "Hand links", "Nested^Person", "NESTED-ID", "ORDER-1",
            "HOSPITAL X", "SECRET", "Clinic", "5551234", "Maker Inc", "STUDY-77");

    /** Input for dump2dcm with identifiers at the top level, nested, private, in an overlay and a curve. */
    private static final String DUMP = String.join("\n",
            "(0008,0005) CS [ISO_IR 100]",
            "(0008,0008) CS [ORIGINAL\\PRIMARY]",
            "(0008,0016) UI [" + UID.DigitalXRayImageStorageForPresentation + "]",
            "(0008,0018) UI [1.2.826.0.1.3680043.2.1125.9.1]",
            "(0008,0020) DA [20231224]",
            "(0008,0030) TM [101010]",
            "(0008,0050) SH [A-77]",
            "(0008,0060) CS [DX]",
            "(0008,0068) CS [FOR PRESENTATION]",
            "(0008,0070) LO [Maker Inc]",
            "(0008,0080) LO [Clinic]",
            "(0008,0090) PN [Ref^Doc]",
            "(0008,0094) SH [5551234]",
            "(0008,1030) LO [Hand links]",
            "(0008,1115) SQ (Sequence #=1)",
            "(fffe,e000) na (Item #=2)",
            "(0008,1140) SQ (Sequence #=1)",
            "(fffe,e000) na (Item #=3)",
            "(0008,1150) UI [" + UID.DigitalXRayImageStorageForPresentation + "]",
            "(0008,1155) UI [1.2.826.0.1.3680043.2.1125.9.4]",
            "(0010,0020) LO [NESTED-ID]",
            "(fffe,e00d) na (ItemDelimitationItem)",
            "(fffe,e0dd) na (SequenceDelimitationItem)",
            "(0020,000e) UI [1.2.826.0.1.3680043.2.1125.9.5]",
            "(fffe,e00d) na (ItemDelimitationItem)",
            "(fffe,e0dd) na (SequenceDelimitationItem)",
            "(0008,2218) SQ (Sequence #=1)",
            "(fffe,e000) na (Item #=3)",
            "(0008,0100) SH [T-D3000]",
            "(0008,0102) SH [SRT]",
            "(0008,0104) LO [Chest]",
            "(fffe,e00d) na (ItemDelimitationItem)",
            "(fffe,e0dd) na (SequenceDelimitationItem)",
            "(0010,0010) PN [Doe^Jane]",
            "(0010,0020) LO [PID-DCMTK]",
            "(0010,0030) DA [19800202]",
            "(0010,0040) CS [F]",
            "(0018,0015) CS [CHEST]",
            "(0018,1164) DS [0.1\\0.1]",
            "(0018,1508) CS [NONE]",
            "(0018,5101) CS [PA]",
            "(0018,7004) CS [DIRECT]",
            "(0020,000d) UI [1.2.826.0.1.3680043.2.1125.9.2]",
            "(0020,000e) UI [1.2.826.0.1.3680043.2.1125.9.3]",
            "(0020,0010) SH [STUDY-77]",
            "(0020,0011) IS [1]",
            "(0020,0013) IS [1]",
            "(0020,0020) CS [L\\F]",
            "(0020,0062) CS [U]",
            "(0028,0002) US 1",
            "(0028,0004) CS [MONOCHROME2]",
            "(0028,0010) US 2",
            "(0028,0011) US 2",
            "(0028,0100) US 16",
            "(0028,0101) US 16",
            "(0028,0102) US 15",
            "(0028,0103) US 0",
            "(0028,0301) CS [NO]",
            "(0028,1040) CS [LIN]",
            "(0028,1041) SS 1",
            "(0028,1050) DS [32768]",
            "(0028,1051) DS [65536]",
            "(0028,1052) DS [0]",
            "(0028,1053) DS [1]",
            "(0028,1054) LO [US]",
            "(0028,2110) CS [00]",
            "(0029,0010) LO [HOSPITAL X]",
            "(0029,1001) LO [SECRET]",
            "(0040,0275) SQ (Sequence #=1)",
            "(fffe,e000) na (Item #=2)",
            "(0040,2016) LO [ORDER-1]",
            "(0040,a123) PN [Nested^Person]",
            "(fffe,e00d) na (ItemDelimitationItem)",
            "(fffe,e0dd) na (SequenceDelimitationItem)",
            "(0040,0555) SQ (Sequence #=1)",
            "(fffe,e000) na (Item #=1)",
            "(0040,a160) UT [Doe^Jane PID-DCMTK]",
            "(fffe,e00d) na (ItemDelimitationItem)",
            "(fffe,e0dd) na (SequenceDelimitationItem)",
            "(2050,0020) CS [IDENTITY]",
            "(5000,0005) US 1",
            "(6000,0010) US 2",
            "(6000,0011) US 2",
            "(6000,3000) OW 5345\\4352\\4554",
            "(7fe0,0010) OW 0102\\0304\\0506\\0708",
            "");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireDcmtk() {
        Assumptions.assumeTrue(Dcmtk.onPath("dump2dcm") && Dcmtk.onPath("dcmdump"), "DCMTK not installed");
    }

    static Stream<Arguments> dump2dcmOptions() {
        return Stream.of(
                Arguments.of(List.of("+te"), UID.ExplicitVRLittleEndian),
                Arguments.of(List.of("+te", "-e"), UID.ExplicitVRLittleEndian),
                Arguments.of(List.of("+tb"), UID.ExplicitVRBigEndian),
                Arguments.of(List.of("+tb", "-e"), UID.ExplicitVRBigEndian),
                Arguments.of(List.of("+ti"), UID.ImplicitVRLittleEndian),
                Arguments.of(List.of("+ti", "-e"), UID.ImplicitVRLittleEndian),
                Arguments.of(List.of("+td"), UID.ExplicitVRLittleEndian),
                Arguments.of(List.of("+td", "-e"), UID.ExplicitVRLittleEndian));
    }

    @ParameterizedTest
    @MethodSource("dump2dcmOptions")
    void deidentifiesWhatDump2dcmWrites(List<String> options, String writtenSyntax) throws Exception {
        Path source = dump2dcm(options);
        Path target = dir.resolve("out.dcm");

        DeidentificationReport report = Deidentifier.deidentify(source, target, OPTIONS);

        String raw = new String(Files.readAllBytes(target), StandardCharsets.ISO_8859_1);
        String dump = Dcmtk.runSeparately(60, List.of("dcmdump", "-Un", target.toString())).output();
        for (String value : IDENTIFYING) {
            assertFalse(raw.contains(value), "copy still contains " + value);
            assertFalse(dump.contains(value), "dump still shows " + value);
        }
        DcmtkSupport.assertDcmdumpAccepts(target);
        DcmtkSupport.assertValidIod(target);
        assertTrue(dump.contains("(0002,0010) UI [" + writtenSyntax + "]"), dump);
        assertTrue(dump.contains("(0008,0016) UI [" + UID.DigitalXRayImageStorageForPresentation + "]"), dump);
        assertTrue(dump.contains("(0020,000d) UI [" + report.newStudyInstanceUid() + "]"), dump);
        assertTrue(dump.contains("(0010,0020) LO [ANON-DCMTK]"), dump);
        assertTrue(dump.contains("(0012,0062) CS [YES]"), dump);
        assertFalse(dump.contains("(5000,"), dump);
        assertFalse(dump.contains("(6000,"), dump);
        assertFalse(dump.contains("(0029,"), dump);
        assertFalse(dump.contains("(0040,0275)"), dump);
        // references are left out, not mapped; allowed sequences keep only their allowed items
        assertFalse(dump.contains("(0008,1115)"), dump);
        assertFalse(dump.contains("(0008,1155)"), dump);
        assertTrue(dump.contains("(0008,0100) SH [T-D3000]"), dump);
        assertFalse(dump.contains("[Chest]"), dump);
        assertTrue(dump.contains("(0040,0555) SQ (Sequence with explicit length #=0)"), dump);
        assertArrayEquals(new byte[] {2, 1, 4, 3, 6, 5, 8, 7},
                littleEndian(TopLevelAttributes.read(target), writtenSyntax));
    }

    @Test
    void deidentifiesJpegFromImg2dcmWithFragmentsUnchanged() throws Exception {
        Assumptions.assumeTrue(Dcmtk.onPath("img2dcm"), "img2dcm not installed");
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                image.getRaster().setSample(x, y, 0, (x * 8 + y * 3) & 0xFF);
            }
        }
        Path jpeg = dir.resolve("in.jpg");
        assertTrue(ImageIO.write(image, "jpeg", jpeg.toFile()));
        Path source = dir.resolve("jpeg.dcm");
        Dcmtk.Result made = Dcmtk.runSeparately(60, List.of("img2dcm", "-k", "0010,0010=Doe^Jane",
                "-k", "0020,0020=L\\F", "-k", "0008,0064=WSD", "-k", "0020,0060=",
                "-k", "0010,0020=PID-DCMTK", "-k", "0008,0050=A-77", "-k", "0010,0030=19800202",
                jpeg.toString(), source.toString()));
        assertEquals(0, made.exitCode(), made.errorOutput());
        Path target = dir.resolve("out.dcm");

        Deidentifier.deidentify(source, target, OPTIONS);

        byte[] in = Files.readAllBytes(source);
        byte[] out = Files.readAllBytes(target);
        assertArrayEquals(fromPixelData(in), fromPixelData(out));
        String raw = new String(out, StandardCharsets.ISO_8859_1);
        for (String value : List.of("Doe^Jane", "PID-DCMTK", "A-77", "19800202")) {
            assertFalse(raw.contains(value), "copy still contains " + value);
        }
        DcmtkSupport.assertDcmdumpAccepts(target);
        DcmtkSupport.assertValidIod(target);
    }

    private Path dump2dcm(List<String> options) throws IOException, InterruptedException {
        Path dump = dir.resolve("in.dump");
        Files.write(dump, DUMP.getBytes(StandardCharsets.ISO_8859_1));
        Path file = dir.resolve("in.dcm");
        List<String> command = new ArrayList<>(List.of("dump2dcm"));
        command.addAll(options);
        command.add(dump.toString());
        command.add(file.toString());
        Dcmtk.Result result = Dcmtk.runSeparately(60, command);
        assertEquals(0, result.exitCode(), result.errorOutput());
        return file;
    }

    /** The pixel data value as little endian words. */
    private static byte[] littleEndian(TopLevelAttributes copy, String syntax) {
        byte[] value = copy.get(Tag.PixelData).value();
        if (!syntax.equals(UID.ExplicitVRBigEndian)) {
            return value;
        }
        byte[] swapped = value.clone();
        for (int i = 0; i + 1 < swapped.length; i += 2) {
            swapped[i] = value[i + 1];
            swapped[i + 1] = value[i];
        }
        return swapped;
    }

    /** The bytes from the encapsulated Pixel Data header to the end of the file. */
    private static byte[] fromPixelData(byte[] file) {
        byte[] header = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        for (int i = file.length - header.length; i >= 0; i--) {
            if (Arrays.equals(file, i, i + header.length, header, 0, header.length)) {
                return Arrays.copyOfRange(file, i, file.length);
            }
        }
        throw new AssertionError("no encapsulated pixel data");
    }
}
