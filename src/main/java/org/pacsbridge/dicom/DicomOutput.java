package org.pacsbridge.dicom;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes element headers, items and delimiters (PS3.5 sections 7.1 and 7.5) in a given
 * {@link Encoding}, and values either from memory or copied from a {@link DicomInput} through one
 * fixed buffer, so a value of any length costs the same memory.
 */
final class DicomOutput {

    static final int COPY_BUFFER_SIZE = 64 * 1024;

    private final OutputStream out;
    private final byte[] buffer = new byte[COPY_BUFFER_SIZE];

    DicomOutput(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes a header. {@code vr} is ignored in implicit VR and for items and delimiters.
     *
     * @param length the value length, or {@link ElementHeader#UNDEFINED_LENGTH}
     * @throws DicomFormatException if the length does not fit the header form of {@code vr}
     */
    void header(Encoding encoding, int tag, VR vr, long length) throws IOException {
        boolean bigEndian = encoding.bigEndian();
        writeShort(Tag.group(tag), bigEndian);
        writeShort(Tag.element(tag), bigEndian);
        if (!encoding.explicitVr() || Tag.group(tag) == 0xFFFE) {
            writeInt(length, bigEndian);
            return;
        }
        if (vr == null) {
            throw new IllegalStateException("explicit VR header without VR for " + Tag.toString(tag));
        }
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.usesLongLength()) {
            writeShort(0, bigEndian);
            writeInt(length, bigEndian);
        } else {
            if (length > 0xFFFF) {
                throw new DicomFormatException("Value of " + Tag.toString(tag) + " too long for VR " + vr);
            }
            writeShort((int) length, bigEndian);
        }
    }

    /** Writes a whole element whose value is in memory and already of even length. */
    void element(Encoding encoding, int tag, VR vr, byte[] value) throws IOException {
        header(encoding, tag, vr, value.length);
        out.write(value);
    }

    /** Copies {@code length} bytes of value from {@code in}, a buffer at a time. */
    void copy(DicomInput in, long length) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int chunk = (int) Math.min(remaining, buffer.length);
            in.readFully(buffer, 0, chunk);
            out.write(buffer, 0, chunk);
            remaining -= chunk;
        }
    }

    private void writeShort(int value, boolean bigEndian) throws IOException {
        if (bigEndian) {
            out.write(value >>> 8 & 0xFF);
            out.write(value & 0xFF);
        } else {
            out.write(value & 0xFF);
            out.write(value >>> 8 & 0xFF);
        }
    }

    private void writeInt(long value, boolean bigEndian) throws IOException {
        int high = (int) (value >>> 16 & 0xFFFF);
        int low = (int) (value & 0xFFFF);
        writeShort(bigEndian ? high : low, bigEndian);
        writeShort(bigEndian ? low : high, bigEndian);
    }
}
