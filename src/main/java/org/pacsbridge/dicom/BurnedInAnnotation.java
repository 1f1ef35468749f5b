package org.pacsbridge.dicom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * What a Part 10 image says about text burned into its pixels: Burned In Annotation (0028,0301),
 * with the SOP class and modality that tell how likely burned-in text is when the attribute is
 * missing. Read from the top level of the data set, up to the attribute or the pixel data.
 *
 * @param burnedInAnnotation the value of (0028,0301) without padding ({@code YES}, {@code NO}, ...),
 *                           or null if absent or empty
 * @param sopClassUid        (0008,0016), else the file meta's Media Storage SOP Class UID; may be null
 * @param modality           (0008,0060), or null
 */
public record BurnedInAnnotation(String burnedInAnnotation, String sopClassUid, String modality) {

    private static final int BURNED_IN_ANNOTATION = 0x00280301;
    private static final int MAX_VALUE_LENGTH = 256;

    /**
     * @throws DicomFormatException if the file is not well-formed Part 10 or its transfer syntax is unknown
     * @throws IOException          if reading fails
     */
    public static BurnedInAnnotation read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            TransferSyntax ts = TransferSyntax.find(meta.transferSyntaxUid()).orElseThrow(
                    () -> new DicomFormatException("Unsupported transfer syntax " + meta.transferSyntaxUid()));
            if (!ts.deflated()) {
                return read(new DicomInput(in), Encoding.of(ts), meta);
            }
            Inflater inflater = new Inflater(true); // PS3.5 A.5: raw deflate
            try {
                return read(new DicomInput(new InflaterInputStream(in, inflater, 8192)), Encoding.of(ts), meta);
            } finally {
                inflater.end();
            }
        }
    }

    private static BurnedInAnnotation read(DicomInput in, Encoding encoding, FileMeta meta) throws IOException {
        ValueSkipper skipper = new ValueSkipper(in, DataSetReader.MAX_NESTING_DEPTH);
        String sopClass = null;
        String modality = null;
        String burnedIn = null;
        ElementHeader header;
        while ((header = ElementHeader.read(in, encoding.explicitVr(), encoding.bigEndian())) != null) {
            int tag = header.tag();
            if (Integer.compareUnsigned(tag, BURNED_IN_ANNOTATION) > 0) {
                break;
            }
            if (tag == Tag.ItemDelimitationItem || tag == Tag.SequenceDelimitationItem) {
                continue;
            }
            boolean wanted = tag == Tag.SOPClassUID || tag == Tag.Modality || tag == BURNED_IN_ANNOTATION;
            if (wanted && !header.hasUndefinedLength() && header.length() <= MAX_VALUE_LENGTH) {
                byte[] value = new byte[(int) header.length()];
                in.readFully(value, 0, value.length);
                String text = ValuePadding.strip(new String(value, StandardCharsets.US_ASCII));
                text = text.isEmpty() ? null : text;
                if (tag == Tag.SOPClassUID) {
                    sopClass = text;
                } else if (tag == Tag.Modality) {
                    modality = text;
                } else {
                    burnedIn = text;
                }
            } else {
                skipper.skipValue(header, encoding, 0);
            }
        }
        return new BurnedInAnnotation(burnedIn, sopClass != null ? sopClass : meta.mediaStorageSopClassUid(), modality);
    }
}
