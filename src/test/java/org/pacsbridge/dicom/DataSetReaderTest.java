package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DataSetReaderTest {

    /** Each native encoding: transfer syntax, a fresh builder, and whether to deflate the bytes. */
    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, (Supplier<DataSetBuilder>) DataSetBuilder::implicitLittle),
                Arguments.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, (Supplier<DataSetBuilder>) DataSetBuilder::explicitLittle),
                Arguments.of(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, (Supplier<DataSetBuilder>) DataSetBuilder::explicitBig),
                Arguments.of(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, (Supplier<DataSetBuilder>) DataSetBuilder::explicitLittle),
                Arguments.of(TransferSyntax.of(UID.JPEGBaseline8Bit), (Supplier<DataSetBuilder>) DataSetBuilder::explicitLittle));
    }

    static byte[] encode(TransferSyntax ts, byte[] plain) {
        return ts.deflated() ? DataSetBuilder.deflate(plain) : plain;
    }

    static RoutingAttributes read(byte[] bytes, TransferSyntax ts) throws IOException {
        return DataSetReader.read(new ByteArrayInputStream(bytes), ts);
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void extractsTopLevelAttributesInEveryEncoding(TransferSyntax ts, Supplier<DataSetBuilder> builder) throws IOException {
        byte[] bytes = encode(ts, TypicalDataSet.build(builder.get()));
        TypicalDataSet.assertExpected(read(bytes, ts));
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void everyTruncationGivesAResultOrDicomFormatException(TransferSyntax ts, Supplier<DataSetBuilder> builder) {
        byte[] bytes = encode(ts, TypicalDataSet.build(builder.get()));
        int formatErrors = 0;
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            try {
                read(truncated, ts);
            } catch (DicomFormatException expected) {
                formatErrors++;
            } catch (Throwable t) {
                throw new AssertionError("truncation at " + length + " threw " + t, t);
            }
        }
        // only cuts at element boundaries of the top level may parse; most cuts must be rejected
        assertTrue(formatErrors > bytes.length / 2, "format errors: " + formatErrors + " of " + bytes.length);
    }

    @Test
    void cutInsideAValueIsAFormatError() {
        byte[] bytes = DataSetBuilder.explicitLittle().text(Tag.PatientID, VR.LO, "PID-42").toByteArray();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(DicomFormatException.class, () -> read(truncated, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void emptyDataSetHasNoAttributes() throws IOException {
        RoutingAttributes a = read(new byte[0], TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertNull(a.patientId());
        assertNull(a.sopInstanceUid());
        assertEquals(List.of(), a.imageType());
    }

    @Test
    void stopsAtPixelDataWithoutReadingIt() throws IOException {
        int pixelBytes = 4 * 1024 * 1024;
        byte[] head = DataSetBuilder.explicitLittle()
                .text(Tag.SOPInstanceUID, VR.UI, "1.2.3")
                .header(Tag.PixelData, VR.OW, pixelBytes)
                .toByteArray();
        byte[] all = Arrays.copyOf(head, head.length + pixelBytes);
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(all));
        RoutingAttributes a = DataSetReader.read(in, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("1.2.3", a.sopInstanceUid());
        assertTrue(in.count < 64 * 1024, "read " + in.count + " bytes");
    }

    @Test
    void absurdPixelDataLengthIsNeverFollowed() throws IOException {
        byte[] bytes = DataSetBuilder.explicitLittle()
                .text(Tag.Modality, VR.CS, "DX")
                .header(Tag.PixelData, VR.OB, 0xFFFFFFF0L)
                .toByteArray();
        assertEquals("DX", read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).modality());
    }

    @Test
    void stopsAtEncapsulatedPixelDataOfACompressedSyntax() throws IOException {
        byte[] bytes = DataSetBuilder.explicitLittle()
                .text(Tag.SOPInstanceUID, VR.UI, "1.2.3")
                .encapsulatedPixelData(Tag.PixelData, new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}, new byte[10])
                .raw("garbage that is never parsed".getBytes(StandardCharsets.US_ASCII))
                .toByteArray();
        assertEquals("1.2.3", read(bytes, TransferSyntax.of(UID.JPEG2000Lossless)).sopInstanceUid());
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void skipsEncapsulatedPixelDataNestedInASequence(TransferSyntax ts, Supplier<DataSetBuilder> builder) throws IOException {
        DataSetBuilder b = builder.get();
        DataSetBuilder icon = b.item().unsignedShort(0x00280010, 1)
                .encapsulatedPixelData(Tag.PixelData, new byte[] {(byte) 0xFF, (byte) 0xD8}, new byte[6]);
        byte[] plain = b.text(Tag.SOPInstanceUID, VR.UI, "1.2.3")
                .sequence(0x00081140, true, icon, b.item().text(Tag.PatientID, VR.LO, "NESTED"))
                .text(Tag.PatientID, VR.LO, "TOP")
                .text(Tag.SeriesInstanceUID, VR.UI, "1.2.4")
                .toByteArray();
        RoutingAttributes a = read(encode(ts, plain), ts);
        assertEquals("1.2.3", a.sopInstanceUid());
        assertEquals("TOP", a.patientId());
        assertEquals("1.2.4", a.seriesInstanceUid());
    }

    @Test
    void valuesInsideSequencesAreNotTakenForTopLevelOnes() throws IOException {
        DataSetBuilder b = DataSetBuilder.explicitLittle();
        byte[] bytes = b.sequence(Tag.OtherPatientIDsSequence, true, b.item().text(Tag.PatientID, VR.LO, "OTHER"))
                .sequence(0x00291010, VR.UN, true, DataSetBuilder.implicitLittle().text(Tag.Modality, VR.CS, "MR"))
                .toByteArray();
        RoutingAttributes a = read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertNull(a.patientId());
        assertNull(a.modality());
    }

    @Test
    void undefinedLengthUnInBigEndianHoldsImplicitLittleEndianItems() throws IOException {
        DataSetBuilder b = DataSetBuilder.explicitBig();
        DataSetBuilder nested = DataSetBuilder.implicitLittle();
        DataSetBuilder inner = nested.item().text(Tag.Modality, VR.CS, "XA");
        byte[] bytes = b.sequence(0x00091010, VR.UN, true,
                        nested.sequence(0x00091011, true, inner).text(Tag.PatientID, VR.LO, "X"))
                .text(Tag.Modality, VR.CS, "CR")
                .toByteArray();
        assertEquals("CR", read(bytes, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN).modality());
    }

    @Test
    void decodesUtf8WhenSpecificCharacterSetSaysSo() throws IOException {
        String description = "R\u00f6ntgen \u80f8\u90e8";
        byte[] bytes = DataSetBuilder.explicitLittle()
                .text(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192")
                .text(Tag.StudyDescription, VR.LO, description, StandardCharsets.UTF_8)
                .toByteArray();
        assertEquals(description, read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).studyDescription());
    }

    @Test
    void decodesLatin1ForIsoIr100AndByDefault() throws IOException {
        String description = "M\u00fcller Stra\u00dfe";
        for (String charset : new String[] {"ISO_IR 100", "", "\\ISO 2022 IR 100"}) {
            DataSetBuilder b = DataSetBuilder.implicitLittle();
            if (!charset.isEmpty()) {
                b.text(Tag.SpecificCharacterSet, VR.CS, charset);
            }
            byte[] bytes = b.text(Tag.StudyDescription, VR.LO, description, StandardCharsets.ISO_8859_1).toByteArray();
            assertEquals(description, read(bytes, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN).studyDescription(), charset);
        }
    }

    @Test
    void stripsPaddingAndTreatsEmptyValuesAsAbsent() throws IOException {
        byte[] bytes = DataSetBuilder.explicitLittle()
                .bytes(Tag.SOPInstanceUID, VR.UI, "1.2.3\0".getBytes(StandardCharsets.US_ASCII))
                .text(Tag.AccessionNumber, VR.SH, "")
                .text(Tag.PatientID, VR.LO, "  ")
                .bytes(Tag.Modality, VR.CS, "MR\0\0".getBytes(StandardCharsets.US_ASCII))
                .toByteArray();
        RoutingAttributes a = read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("1.2.3", a.sopInstanceUid());
        assertNull(a.accessionNumber());
        assertNull(a.patientId());
        assertEquals("MR", a.modality());
    }

    @Test
    void firstOccurrenceOfADuplicateWins() throws IOException {
        byte[] bytes = DataSetBuilder.explicitLittle()
                .text(Tag.Modality, VR.CS, "CT")
                .text(Tag.Modality, VR.CS, "MR")
                .toByteArray();
        assertEquals("CT", read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).modality());
    }

    @Test
    void keepsOnlyTheCappedPrefixOfAnOverlongValue() throws IOException {
        byte[] huge = new byte[DataSetReader.MAX_KEPT_VALUE_LENGTH + 1000];
        Arrays.fill(huge, (byte) 'A');
        byte[] bytes = DataSetBuilder.explicitLittle()
                .bytes(Tag.StudyDescription, VR.UT, huge) // wrong VR, but long form lets the length through
                .text(Tag.SeriesDescription, VR.LO, "after")
                .toByteArray();
        RoutingAttributes a = read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(DataSetReader.MAX_KEPT_VALUE_LENGTH, a.studyDescription().length());
        assertEquals("after", a.seriesDescription());
    }

    @Test
    void hugeLengthOfAWantedValueIsAFormatErrorNotAnAllocation() {
        byte[] bytes = DataSetBuilder.explicitLittle()
                .header(Tag.PatientID, VR.UN, 0xFFFFFFFEL)
                .raw(new byte[100])
                .toByteArray();
        assertThrows(DicomFormatException.class, () -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void hugeLengthOfASkippedValueIsAFormatError() {
        byte[] bytes = DataSetBuilder.implicitLittle()
                .header(0x00091000, null, 0x7FFFFFFFL)
                .raw(new byte[100])
                .toByteArray();
        assertThrows(DicomFormatException.class, () -> read(bytes, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void sequenceWithoutDelimiterIsAFormatError() {
        DataSetBuilder b = DataSetBuilder.explicitLittle();
        byte[] complete = b.sequence(Tag.OtherPatientIDsSequence, true, b.item().text(Tag.PatientID, VR.LO, "X"))
                .toByteArray();
        byte[] withoutSequenceDelimiter = Arrays.copyOf(complete, complete.length - 8);
        assertThrows(DicomFormatException.class,
                () -> read(withoutSequenceDelimiter, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void excessiveNestingIsAFormatErrorNotAStackOverflow() {
        DataSetBuilder b = DataSetBuilder.explicitLittle();
        for (int i = 0; i < 10_000; i++) {
            b.header(Tag.OtherPatientIDsSequence, VR.SQ, DataSetBuilder.UNDEFINED).header(Tag.Item, null, DataSetBuilder.UNDEFINED);
        }
        byte[] bytes = b.toByteArray();
        DicomFormatException e = assertThrows(DicomFormatException.class,
                () -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    @Test
    void unknownVrCodeIsAFormatError() {
        byte[] bytes = DataSetBuilder.explicitLittle().text(Tag.Modality, VR.CS, "CT").toByteArray();
        bytes[4] = 'Q';
        bytes[5] = 'Q';
        assertThrows(DicomFormatException.class, () -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void implicitVrDataReadAsExplicitIsAFormatError() {
        byte[] bytes = DataSetBuilder.implicitLittle().text(Tag.Modality, VR.CS, "CT").toByteArray();
        assertThrows(DicomFormatException.class, () -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void undefinedLengthOnATextVrIsAFormatError() {
        byte[] bytes = DataSetBuilder.explicitLittle().header(Tag.StudyDescription, VR.UT, DataSetBuilder.UNDEFINED)
                .header(Tag.SequenceDelimitationItem, null, 0).toByteArray();
        assertThrows(DicomFormatException.class, () -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void itemOutsideASequenceIsAFormatError() {
        byte[] bytes = DataSetBuilder.explicitLittle().header(Tag.Item, null, 0).toByteArray();
        assertThrows(DicomFormatException.class, () -> read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void strayDelimiterAtTopLevelIsTolerated() throws IOException {
        byte[] bytes = DataSetBuilder.explicitLittle()
                .header(Tag.SequenceDelimitationItem, null, 0)
                .text(Tag.Modality, VR.CS, "US")
                .toByteArray();
        assertEquals("US", read(bytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).modality());
    }

    @Test
    void corruptDeflateStreamIsAFormatError() {
        byte[] deflated = DataSetBuilder.deflate(TypicalDataSet.build(DataSetBuilder.explicitLittle()));
        byte[] corrupt = deflated.clone();
        Arrays.fill(corrupt, 0, Math.min(40, corrupt.length), (byte) 0xFF);
        assertThrows(DicomFormatException.class,
                () -> read(corrupt, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));
        byte[] notDeflateAtAll = TypicalDataSet.build(DataSetBuilder.explicitLittle());
        assertThrows(DicomFormatException.class,
                () -> read(notDeflateAtAll, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void randomCorruptionGivesOnlyResultsOrFormatErrors(TransferSyntax ts, Supplier<DataSetBuilder> builder) {
        byte[] plain = TypicalDataSet.build(builder.get());
        java.util.Random random = new java.util.Random(20240131L);
        for (int round = 0; round < 3000; round++) {
            byte[] mutated = plain.clone();
            int changes = 1 + random.nextInt(4);
            for (int i = 0; i < changes; i++) {
                int at = random.nextInt(mutated.length);
                // favour bytes that make lengths and tags extreme
                mutated[at] = random.nextBoolean() ? (byte) 0xFF : (byte) random.nextInt(256);
            }
            byte[] input = encode(ts, mutated);
            try {
                read(input, ts);
            } catch (DicomFormatException expected) {
                // fine
            } catch (Throwable t) {
                throw new AssertionError("round " + round + " threw " + t, t);
            }
        }
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> DataSetReader.read(null, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThrows(NullPointerException.class, () -> DataSetReader.read(InputStream.nullInputStream(), null));
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
