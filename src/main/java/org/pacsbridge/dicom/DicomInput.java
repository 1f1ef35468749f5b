package org.pacsbridge.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Exact reads from a stream of DICOM bytes, counting the offset. The end of the stream inside a
 * value and a corrupt deflate stream become {@link DicomFormatException}; other I/O failures pass
 * through. Skipping reads through a small fixed buffer, so an untrusted length costs time, never
 * memory, and running past the end is noticed (which {@link InputStream#skip} does not promise).
 */
final class DicomInput {

    private static final int SKIP_BUFFER_SIZE = 8192;

    private final InputStream in;
    private final byte[] scratch = new byte[8];
    private byte[] skipBuffer;
    private long position;

    DicomInput(InputStream in) {
        this.in = in;
    }

    /** Bytes consumed so far. */
    long position() {
        return position;
    }

    /**
     * Reads one byte where the stream may legitimately end.
     *
     * @return the byte, or -1 at the end of the stream
     */
    int readOptionalByte() throws IOException {
        int b = guarded(in::read);
        if (b >= 0) {
            position++;
        }
        return b;
    }

    void readFully(byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int off = offset + done;
            int len = length - done;
            int n = guarded(() -> in.read(buffer, off, len));
            if (n < 0) {
                throw new DicomFormatException("Unexpected end of data at byte offset " + (position + done)
                        + ", " + (length - done) + " more bytes expected");
            }
            done += n;
        }
        position += length;
    }

    int readUnsignedShort(boolean bigEndian) throws IOException {
        readFully(scratch, 0, 2);
        return bigEndian
                ? (scratch[0] & 0xFF) << 8 | (scratch[1] & 0xFF)
                : (scratch[1] & 0xFF) << 8 | (scratch[0] & 0xFF);
    }

    long readUnsignedInt(boolean bigEndian) throws IOException {
        readFully(scratch, 0, 4);
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int b = scratch[bigEndian ? i : 3 - i] & 0xFF;
            value = value << 8 | b;
        }
        return value;
    }

    void skip(long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("negative skip " + length);
        }
        if (skipBuffer == null) {
            skipBuffer = new byte[SKIP_BUFFER_SIZE];
        }
        long remaining = length;
        while (remaining > 0) {
            int chunk = (int) Math.min(remaining, skipBuffer.length);
            readFully(skipBuffer, 0, chunk);
            remaining -= chunk;
        }
    }

    /**
     * Whether the next bytes equal {@code expected}, without consuming them. Needs an underlying
     * stream that supports {@link InputStream#mark}; the end of the stream counts as a mismatch.
     */
    boolean nextBytesAre(byte[] expected) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalStateException("look-ahead needs a stream with mark support");
        }
        in.mark(expected.length);
        try {
            for (byte b : expected) {
                int actual = guarded(in::read);
                if (actual != (b & 0xFF)) {
                    return false;
                }
            }
            return true;
        } finally {
            in.reset();
        }
    }

    private interface Read {
        int run() throws IOException;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.run();
        } catch (ZipException e) {
            throw new DicomFormatException("Corrupt deflated data set near byte offset " + position, e);
        } catch (EOFException e) {
            // InflaterInputStream reports a deflate stream cut short this way
            throw new DicomFormatException("Unexpected end of data near byte offset " + position, e);
        }
    }
}
