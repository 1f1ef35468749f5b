package org.pacsbridge.camel.dicom.internal;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Passes bytes on to a file and keeps a copy of its first {@code capacity} bytes, so that the header of the
 * object just written can be parsed without reading the file back.
 */
final class HeadCopy extends FilterOutputStream {

    private final byte[] head;
    private int kept;
    private long written;

    HeadCopy(OutputStream file, int capacity) {
        super(file);
        this.head = new byte[capacity];
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (kept < head.length) {
            head[kept++] = (byte) b;
        }
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        int copied = Math.min(len, head.length - kept);
        System.arraycopy(b, off, head, kept, copied);
        kept += copied;
        written += len;
    }

    /** Whether the copy holds every byte written. */
    boolean whole() {
        return written == kept;
    }

    /** The bytes kept, as a stream that tells whether a reader ever asked for more than it holds. */
    Reader read() {
        return new Reader(head, kept);
    }

    static final class Reader extends ByteArrayInputStream {
        private boolean exhausted;

        private Reader(byte[] bytes, int length) {
            super(bytes, 0, length);
        }

        @Override
        public synchronized int read() {
            if (pos >= count) {
                exhausted = true;
            }
            return super.read();
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            if (len > count - pos) {
                exhausted = true;
            }
            return super.read(b, off, len);
        }

        @Override
        public synchronized long skip(long n) {
            if (n > count - pos) {
                exhausted = true;
            }
            return super.skip(n);
        }

        @Override
        public int readNBytes(byte[] b, int off, int len) {
            if (len > available()) {
                exhausted = true;
            }
            return super.readNBytes(b, off, len);
        }

        @Override
        public synchronized byte[] readAllBytes() {
            exhausted = true;
            return super.readAllBytes();
        }

        @Override
        public synchronized long transferTo(OutputStream out) throws IOException {
            exhausted = true;
            return super.transferTo(out);
        }

        /** Whether a read reached past the bytes kept: what the reader concluded may depend on what followed. */
        boolean exhausted() {
            return exhausted;
        }
    }
}
