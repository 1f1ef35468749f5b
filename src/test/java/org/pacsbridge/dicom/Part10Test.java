package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Part10Test {

    private static final String SOP_INSTANCE = "1.2.826.0.1.3680043.2.1125.99.7"; // odd length: padded
    private static final byte[] DATA_SET_START = {0x08, 0x00, 0x05, 0x00, 'C', 'S'};

    static byte[] header(FileMeta meta) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.writeFileMeta(out, meta);
        return out.toByteArray();
    }

    @Test
    void roundTripLeavesStreamAtTheDataSet() throws IOException {
        FileMeta meta = new FileMeta(UID.DigitalXRayImageStorageForPresentation, SOP_INSTANCE,
                UID.ExplicitVRLittleEndian, UID.IMPLEMENTATION_CLASS, UID.IMPLEMENTATION_VERSION_NAME, "MODALITY1");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Part10Writer.writeFileMeta(file, meta);
        file.write(DATA_SET_START);

        InputStream in = new NoMarkInputStream(new ByteArrayInputStream(file.toByteArray()));
        assertEquals(meta, Part10Reader.readFileMeta(in));
        assertArrayEquals(DATA_SET_START, in.readAllBytes());
    }

    @Test
    void writesPaddedEvenLengthsAndACorrectGroupLength() throws IOException {
        byte[] bytes = header(new FileMeta(UID.CTImageStorage, SOP_INSTANCE, UID.ImplicitVRLittleEndian,
                UID.IMPLEMENTATION_CLASS, "ODDNAME", "AE1"));
        for (int i = 0; i < 128; i++) {
            assertEquals(0, bytes[i], "preamble byte " + i);
        }
        assertEquals("DICM", new String(bytes, 128, 4, StandardCharsets.US_ASCII));
        ByteBuffer buf = ByteBuffer.wrap(bytes, 132, bytes.length - 132).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0002, buf.getShort());
        assertEquals(0x0000, buf.getShort());
        assertEquals('U', buf.get());
        assertEquals('L', buf.get());
        assertEquals(4, buf.getShort());
        int groupLength = buf.getInt();
        assertEquals(bytes.length - 132 - 12, groupLength);

        boolean sawInstance = false;
        boolean sawVersion = false;
        boolean sawAe = false;
        while (buf.hasRemaining()) {
            int tag = Tag.of(buf.getShort() & 0xFFFF, buf.getShort() & 0xFFFF);
            String vr = "" + (char) buf.get() + (char) buf.get();
            int length = vr.equals("OB") ? skipReservedThenInt(buf) : buf.getShort() & 0xFFFF;
            assertEquals(0, length % 2, Tag.toString(tag) + " has odd length");
            byte[] value = new byte[length];
            buf.get(value);
            if (tag == Tag.FileMetaInformationVersion) {
                assertArrayEquals(new byte[] {0, 1}, value);
            } else if (tag == Tag.MediaStorageSOPInstanceUID) {
                sawInstance = true;
                assertEquals(SOP_INSTANCE + "\0", new String(value, StandardCharsets.US_ASCII));
            } else if (tag == Tag.ImplementationVersionName) {
                sawVersion = true;
                assertEquals("ODDNAME ", new String(value, StandardCharsets.US_ASCII));
            } else if (tag == Tag.SourceApplicationEntityTitle) {
                sawAe = true;
                assertEquals("AE1 ", new String(value, StandardCharsets.US_ASCII));
            }
        }
        assertTrue(sawInstance && sawVersion && sawAe);
    }

    private static int skipReservedThenInt(ByteBuffer buf) {
        assertEquals(0, buf.getShort());
        return buf.getInt();
    }

    @Test
    void nullImplementationClassMeansThisNode() throws IOException {
        FileMeta written = new FileMeta(UID.CTImageStorage, "1.2.3", UID.ExplicitVRLittleEndian, null, null, null);
        FileMeta read = Part10Reader.readFileMeta(new ByteArrayInputStream(header(written)));
        assertEquals(FileMeta.ofThisImplementation(UID.CTImageStorage, "1.2.3", UID.ExplicitVRLittleEndian), read);
    }

    @Test
    void writerRejectsInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> header(
                FileMeta.ofThisImplementation(UID.CTImageStorage, "1.2.03", UID.ExplicitVRLittleEndian)));
        assertThrows(IllegalArgumentException.class, () -> header(
                FileMeta.ofThisImplementation(null, "1.2.3", UID.ExplicitVRLittleEndian)));
        assertThrows(IllegalArgumentException.class, () -> header(
                FileMeta.ofThisImplementation(UID.CTImageStorage, "1.2.3", UID.ExplicitVRLittleEndian)
                        .withSourceAeTitle("THIS_AE_IS_TOO_LONG")));
        assertThrows(IllegalArgumentException.class, () -> header(
                FileMeta.ofThisImplementation(UID.CTImageStorage, "1.2.3", UID.ExplicitVRLittleEndian)
                        .withSourceAeTitle("A\\B")));
    }

    @Test
    void rejectsInputThatIsNotPart10() {
        assertThrows(DicomFormatException.class, () -> Part10Reader.readFileMeta(InputStream.nullInputStream()));
        assertThrows(DicomFormatException.class, () -> Part10Reader.readFileMeta(new ByteArrayInputStream(new byte[200])));
        byte[] prefixOnly = new byte[132];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, prefixOnly, 128, 4);
        assertThrows(DicomFormatException.class, () -> Part10Reader.readFileMeta(new ByteArrayInputStream(prefixOnly)));
        byte[] dataSetAfterPrefix = Arrays.copyOf(prefixOnly, 132 + 16);
        System.arraycopy(DataSetBuilder.explicitLittle().text(Tag.Modality, VR.CS, "CT").toByteArray(), 0,
                dataSetAfterPrefix, 132, 10);
        assertThrows(DicomFormatException.class, () -> Part10Reader.readFileMeta(new ByteArrayInputStream(dataSetAfterPrefix)));
    }

    @Test
    void everyTruncationOfTheHeaderIsAFormatError() throws IOException {
        byte[] bytes = header(FileMeta.ofThisImplementation(UID.MRImageStorage, SOP_INSTANCE, UID.ExplicitVRBigEndian));
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThrows(DicomFormatException.class,
                    () -> Part10Reader.readFileMeta(new BufferedInputStream(new ByteArrayInputStream(truncated))),
                    "length " + length);
        }
    }

    @Test
    void absurdGroupLengthIsAFormatError() throws IOException {
        byte[] bytes = header(FileMeta.ofThisImplementation(UID.MRImageStorage, SOP_INSTANCE, UID.ExplicitVRLittleEndian));
        bytes[140] = (byte) 0xFF;
        bytes[141] = (byte) 0xFF;
        bytes[142] = (byte) 0xFF;
        bytes[143] = (byte) 0x7F;
        assertThrows(DicomFormatException.class, () -> Part10Reader.readFileMeta(new ByteArrayInputStream(bytes)));
    }

    @Test
    void absurdElementLengthIsAFormatError() throws IOException {
        byte[] bytes = header(FileMeta.ofThisImplementation(UID.MRImageStorage, SOP_INSTANCE, UID.ExplicitVRLittleEndian));
        // (0002,0001) OB: bytes 144..147 tag, 148..149 VR, 150..151 reserved, 152..155 length
        bytes[155] = (byte) 0x7F;
        assertThrows(DicomFormatException.class, () -> Part10Reader.readFileMeta(new ByteArrayInputStream(bytes)));
    }

    @Test
    void readsMetaWithoutGroupLengthFromAMarkableStream() throws IOException {
        byte[] withLength = header(FileMeta.ofThisImplementation(UID.CTImageStorage, SOP_INSTANCE, UID.ImplicitVRLittleEndian));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(withLength, 0, 132);
        file.write(withLength, 144, withLength.length - 144); // drop the 12-byte (0002,0000) element
        byte[] dataSet = DataSetBuilder.implicitLittle().text(Tag.Modality, VR.CS, "CT").toByteArray();
        file.write(dataSet);
        byte[] bytes = file.toByteArray();

        InputStream markable = new BufferedInputStream(new ByteArrayInputStream(bytes));
        FileMeta meta = Part10Reader.readFileMeta(markable);
        assertEquals(UID.ImplicitVRLittleEndian, meta.transferSyntaxUid());
        assertEquals(SOP_INSTANCE, meta.mediaStorageSopInstanceUid());
        assertEquals("CT", DataSetReader.read(markable, TransferSyntax.of(meta.transferSyntaxUid())).modality());

        assertThrows(DicomFormatException.class,
                () -> Part10Reader.readFileMeta(new NoMarkInputStream(new ByteArrayInputStream(bytes))));
    }

    @Test
    void toleratesAGroupLengthThatIsTooShortWhenItCanLookAhead() throws IOException {
        byte[] bytes = header(FileMeta.ofThisImplementation(UID.CTImageStorage, SOP_INSTANCE, UID.ExplicitVRLittleEndian));
        int groupLength = ByteBuffer.wrap(bytes, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        // claim only the version element (14 bytes)
        ByteBuffer.wrap(bytes, 140, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(14);
        assertTrue(groupLength > 14);
        byte[] file = Arrays.copyOf(bytes, bytes.length + DATA_SET_START.length);
        System.arraycopy(DATA_SET_START, 0, file, bytes.length, DATA_SET_START.length);
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(file));
        assertEquals(SOP_INSTANCE, Part10Reader.readFileMeta(in).mediaStorageSopInstanceUid());
        assertArrayEquals(DATA_SET_START, in.readAllBytes());
    }

    @Test
    void missingTransferSyntaxIsAFormatError() throws IOException {
        byte[] bytes = header(FileMeta.ofThisImplementation(UID.CTImageStorage, SOP_INSTANCE, UID.ExplicitVRLittleEndian));
        byte[] ts = UID.ExplicitVRLittleEndian.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, ts);
        // turn (0002,0010) into the (unused) tag (0002,0011) so the group lacks a transfer syntax
        assertEquals(0x10, bytes[at - 6]);
        bytes[at - 6] = 0x11;
        assertThrows(DicomFormatException.class, () -> Part10Reader.readFileMeta(new ByteArrayInputStream(bytes)));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** Hides mark support, as a raw socket or file stream would. */
    private static final class NoMarkInputStream extends FilterInputStream {
        NoMarkInputStream(InputStream in) {
            super(in);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
