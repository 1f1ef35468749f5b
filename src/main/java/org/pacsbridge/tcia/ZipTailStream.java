package org.pacsbridge.tcia;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a ZIP stream through, counting its bytes and keeping the last ones: enough to find the end
 * of central directory record (22 bytes plus a comment of up to 65,535), which a streaming reader
 * never looks at.
 */
final class ZipTailStream extends FilterInputStream {

    static final int TAIL_SIZE = 22 + 65_535;

    private final byte[] ring = new byte[TAIL_SIZE];
    private long count;

    ZipTailStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            ring[(int) (count % TAIL_SIZE)] = (byte) b;
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            remember(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must pass through the ring as well
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void remember(byte[] b, int off, int n) {
        int keep = Math.min(n, TAIL_SIZE);
        int from = off + n - keep;
        long start = count + n - keep;
        int pos = (int) (start % TAIL_SIZE);
        int first = Math.min(keep, TAIL_SIZE - pos);
        System.arraycopy(b, from, ring, pos, first);
        System.arraycopy(b, from + first, ring, 0, keep - first);
        count += n;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** The last bytes read, oldest first (at most {@link #TAIL_SIZE}). */
    byte[] tail() {
        int size = (int) Math.min(count, TAIL_SIZE);
        byte[] out = new byte[size];
        long start = count - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % TAIL_SIZE)];
        }
        return out;
    }
}
