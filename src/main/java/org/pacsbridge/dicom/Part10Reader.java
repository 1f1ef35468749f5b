package org.pacsbridge.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the header of a DICOM file (PS3.10 section 7): the 128-byte preamble, the "DICM" prefix and
 * the File Meta Information, group 0002 in explicit VR little endian.
 */
public final class Part10Reader {

    /** Length of the preamble that precedes "DICM". */
    public static final int PREAMBLE_LENGTH = 128;

    /** Upper bound on (0002,0000); real file meta groups are a few hundred bytes. */
    static final long MAX_GROUP_LENGTH = 1024 * 1024;

    /** Upper bound on the text values read (UIDs have at most 64 characters, SH and AE 16). */
    private static final int MAX_TEXT_LENGTH = 256;

    private static final Set<Integer> TEXT_ELEMENTS = Set.of(
            Tag.MediaStorageSOPClassUID, Tag.MediaStorageSOPInstanceUID, Tag.TransferSyntaxUID,
            Tag.ImplementationClassUID, Tag.ImplementationVersionName, Tag.SourceApplicationEntityTitle);

    private static final byte[] PREFIX = {'D', 'I', 'C', 'M'};

    private Part10Reader() {
    }

    /**
     * Reads the file header and leaves {@code in} at the first byte of the data set.
     *
     * <p>The group is delimited by its group length (0002,0000). When that element is missing, or
     * to tolerate a group length that is too short, the reader looks ahead two bytes for more group
     * 0002 elements, which it can only do if {@code in} supports {@link InputStream#mark}; a group
     * without group length in a stream without mark support is rejected.
     *
     * @throws DicomFormatException if the input is not a Part 10 file or its meta group is malformed
     *                              or lacks the Transfer Syntax UID
     */
    public static FileMeta readFileMeta(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        DicomInput input = new DicomInput(in);
        readPreambleAndPrefix(input);

        Map<Integer, String> values = new HashMap<>();
        ElementHeader first = readMetaHeader(input);
        if (first == null) {
            throw new DicomFormatException("Not a DICOM Part 10 file: no File Meta Information after \"DICM\"");
        }
        if (first.tag() == Tag.FileMetaInformationGroupLength) {
            long end = readGroupLength(input, first) + input.position();
            while (input.position() < end) {
                ElementHeader header = readMetaHeader(input);
                if (header == null) {
                    throw new DicomFormatException("File ends inside the File Meta Information");
                }
                readMetaValue(input, header, values);
                if (input.position() > end) {
                    throw new DicomFormatException(Tag.toString(header.tag())
                            + " runs past the end given by the File Meta Information Group Length");
                }
            }
        } else if (in.markSupported()) {
            readMetaValue(input, first, values);
        } else {
            throw new DicomFormatException("File Meta Information without group length (0002,0000) needs"
                    + " an input stream that supports mark/reset");
        }

        String transferSyntax = values.get(Tag.TransferSyntaxUID);
        // Looking ahead into a deflate stream could mistake compressed bytes for a group 0002 tag.
        if (in.markSupported() && !UID.DeflatedExplicitVRLittleEndian.equals(transferSyntax)) {
            while (nextIsGroup2(in)) {
                readMetaValue(input, readMetaHeader(input), values);
            }
        }
        transferSyntax = values.get(Tag.TransferSyntaxUID);
        if (transferSyntax == null) {
            throw new DicomFormatException("File Meta Information lacks the Transfer Syntax UID (0002,0010)");
        }
        return new FileMeta(values.get(Tag.MediaStorageSOPClassUID), values.get(Tag.MediaStorageSOPInstanceUID),
                transferSyntax, values.get(Tag.ImplementationClassUID), values.get(Tag.ImplementationVersionName),
                values.get(Tag.SourceApplicationEntityTitle));
    }

    private static void readPreambleAndPrefix(DicomInput input) throws IOException {
        byte[] prefix = new byte[PREFIX.length];
        try {
            input.skip(PREAMBLE_LENGTH);
            input.readFully(prefix, 0, prefix.length);
        } catch (DicomFormatException e) {
            throw new DicomFormatException("Not a DICOM Part 10 file: shorter than preamble and prefix", e);
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (prefix[i] != PREFIX[i]) {
                throw new DicomFormatException("Not a DICOM Part 10 file: no \"DICM\" after the preamble");
            }
        }
    }

    private static ElementHeader readMetaHeader(DicomInput input) throws IOException {
        ElementHeader header = ElementHeader.read(input, true, false);
        if (header != null && Tag.group(header.tag()) != 0x0002) {
            throw new DicomFormatException("Expected a File Meta Information element (group 0002) but found "
                    + Tag.toString(header.tag()));
        }
        return header;
    }

    private static long readGroupLength(DicomInput input, ElementHeader header) throws IOException {
        if (header.vr() != VR.UL || header.length() != 4) {
            throw new DicomFormatException("File Meta Information Group Length is not a UL of length 4");
        }
        long groupLength = input.readUnsignedInt(false);
        if (groupLength > MAX_GROUP_LENGTH) {
            throw new DicomFormatException("File Meta Information Group Length " + groupLength
                    + " exceeds " + MAX_GROUP_LENGTH);
        }
        return groupLength;
    }

    private static void readMetaValue(DicomInput input, ElementHeader header, Map<Integer, String> values)
            throws IOException {
        if (header.hasUndefinedLength()) {
            throw new DicomFormatException("Undefined length in File Meta Information element "
                    + Tag.toString(header.tag()));
        }
        if (!TEXT_ELEMENTS.contains(header.tag())) {
            if (header.length() > MAX_GROUP_LENGTH) {
                throw new DicomFormatException("Length " + header.length() + " of File Meta Information element "
                        + Tag.toString(header.tag()) + " exceeds " + MAX_GROUP_LENGTH);
            }
            input.skip(header.length());
            return;
        }
        if (header.length() > MAX_TEXT_LENGTH) {
            throw new DicomFormatException("Length " + header.length() + " of " + Tag.toString(header.tag())
                    + " exceeds " + MAX_TEXT_LENGTH);
        }
        byte[] value = new byte[(int) header.length()];
        input.readFully(value, 0, value.length);
        String text = ValuePadding.strip(new String(value, StandardCharsets.ISO_8859_1));
        if (!text.isEmpty()) {
            values.putIfAbsent(header.tag(), text);
        }
    }

    private static boolean nextIsGroup2(InputStream in) throws IOException {
        in.mark(2);
        try {
            int b0 = in.read();
            int b1 = in.read();
            return b0 == 0x02 && b1 == 0x00;
        } finally {
            in.reset();
        }
    }
}
