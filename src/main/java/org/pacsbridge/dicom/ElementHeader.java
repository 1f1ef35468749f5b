package org.pacsbridge.dicom;

import java.io.IOException;

/**
 * The header of one data element, item or delimiter (PS3.5 sections 7.1 and 7.5).
 *
 * @param tag    the tag
 * @param vr     the VR from an explicit VR header; {@code null} in implicit VR and for items and
 *               delimiters, which have none
 * @param length the value length, 0..0xFFFFFFFF, where {@link #UNDEFINED_LENGTH} means delimited
 */
record ElementHeader(int tag, VR vr, long length) {

    static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;

    boolean hasUndefinedLength() {
        return length == UNDEFINED_LENGTH;
    }

    /**
     * Reads the next header.
     *
     * @return the header, or {@code null} if the stream ends cleanly before its first byte
     * @throws DicomFormatException if the stream ends inside the header or an explicit VR is not
     *                              one of PS3.5's
     */
    static ElementHeader read(DicomInput in, boolean explicitVr, boolean bigEndian) throws IOException {
        int first = in.readOptionalByte();
        if (first < 0) {
            return null;
        }
        int second = readByte(in);
        int group = bigEndian ? first << 8 | second : second << 8 | first;
        int element = in.readUnsignedShort(bigEndian);
        int tag = Tag.of(group, element);
        if (!explicitVr || group == 0xFFFE) {
            return new ElementHeader(tag, null, in.readUnsignedInt(bigEndian));
        }
        int c1 = readByte(in);
        int c2 = readByte(in);
        VR vr = VR.of(c1, c2);
        if (vr == null) {
            throw new DicomFormatException(String.format(
                    "Unknown VR code: bytes %02X %02X in the header of %s at byte offset %d",
                    c1, c2, Tag.toString(tag), in.position() - 6));
        }
        if (vr.usesLongLength()) {
            in.readUnsignedShort(bigEndian); // reserved
            return new ElementHeader(tag, vr, in.readUnsignedInt(bigEndian));
        }
        return new ElementHeader(tag, vr, in.readUnsignedShort(bigEndian));
    }

    private static int readByte(DicomInput in) throws IOException {
        int b = in.readOptionalByte();
        if (b < 0) {
            throw new DicomFormatException("Unexpected end of data inside an element header at byte offset "
                    + in.position());
        }
        return b;
    }
}
