package org.pacsbridge.camel.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.jboss.logging.Logger;

/**
 * The input side of an accepted MLLP connection, between the socket and camel-mllp's reader. It
 * follows the frames (VT ... FS CR) going through and bounds each message:
 * <ul>
 * <li>at most {@code maxMessageSize} bytes of a message are passed on; the rest of its block is
 * read and dropped without being kept, then the block is closed for the reader, which so gets a
 * complete (cut) message; {@link #takeCut()} then says it was cut, so that it is refused;</li>
 * <li>a message must be complete (its FS received) within {@code frameTimeout} of its first byte,
 * however its bytes trickle in: past the deadline the connection is reset.</li>
 * </ul>
 * A read returns no bytes beyond the end of a block, so the reader never sees part of the next
 * message together with the current one.
 */
final class FrameGuard extends InputStream {

    private static final Logger LOG = Logger.getLogger(FrameGuard.class);
    private static final int START = 0x0b;
    private static final int END = 0x1c;
    private static final int CR = 0x0d;

    private final Socket socket;
    private final InputStream in;
    private final MllpLimits limits;
    private final IntSupplier readTimeoutMillis;
    private final byte[] chunk = new byte[8192];
    private int pos;
    private int end;

    private boolean open;
    private boolean afterEnd;
    private boolean discarding;
    private long received;
    private long deadlineNanos;
    private boolean cut;

    FrameGuard(Socket socket, MllpLimits limits, IntSupplier readTimeoutMillis) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.limits = limits;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Whether the last completed message was cut at the size limit; asking clears it. */
    synchronized boolean takeCut() {
        boolean was = cut;
        cut = false;
        return was;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (pos == end && !fill()) {
                return -1;
            }
            if (discarding) {
                if (!skipToEndOfBlock()) {
                    continue;
                }
                b[off] = END;
                return 1;
            }
            int n = pass(b, off, len);
            if (n > 0) {
                return n;
            }
        }
    }

    /** Copies bytes of the current message up to the end of its block or the size limit. */
    private int pass(byte[] b, int off, int len) {
        int n = 0;
        while (n < len && pos < end) {
            int x = chunk[pos] & 0xff;
            if (afterEnd) {
                afterEnd = false;
                if (x == CR) {
                    b[off + n++] = (byte) x;
                    pos++;
                    return n;
                }
            }
            if (!open) {
                open = true;
                received = 0;
                cut = false;
                deadlineNanos = System.nanoTime() + limits.frameTimeout().toNanos();
            }
            if (x == END) {
                b[off + n++] = (byte) x;
                pos++;
                open = false;
                afterEnd = true;
                return n;
            }
            // the start byte plus maxMessageSize bytes of message
            if (received > limits.maxMessageSize()) {
                discarding = true;
                cut = true;
                LOG.warnf("MLLP message from %s is larger than %d bytes: the rest of its frame is dropped and the message refused",
                        peer(), limits.maxMessageSize());
                return n;
            }
            b[off + n++] = (byte) x;
            pos++;
            received++;
        }
        return n;
    }

    /** Drops buffered bytes up to the end of the block; true once it is found (it is consumed). */
    private boolean skipToEndOfBlock() {
        while (pos < end) {
            if ((chunk[pos++] & 0xff) == END) {
                discarding = false;
                open = false;
                afterEnd = true;
                return true;
            }
        }
        return false;
    }

    private boolean fill() throws IOException {
        int wanted = readTimeoutMillis.getAsInt();
        int timeout = wanted;
        if (open) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw expired();
            }
            int leftMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            timeout = wanted == 0 ? leftMillis : Math.min(wanted, leftMillis);
        }
        socket.setSoTimeout(timeout);
        int n;
        try {
            n = in.read(chunk, 0, chunk.length);
        } catch (SocketTimeoutException e) {
            if (open && System.nanoTime() - deadlineNanos >= 0) {
                throw expired();
            }
            throw e;
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    private SocketException expired() {
        LOG.warnf("MLLP message from %s not complete %d s after its first byte (%d bytes received): connection reset",
                peer(), limits.frameTimeout().toSeconds(), received);
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
        return new SocketException("MLLP frame deadline passed");
    }

    private String peer() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    /**
     * camel-mllp sizes its buffer by this before each read, growing it by that much and copying it.
     * Reporting only what is buffered made it grow a few KiB at a time (quadratic copying for a
     * large message); reporting as much as the message has so far doubles it instead, never past
     * the room left under the limit.
     */
    @Override
    public synchronized int available() {
        if (discarding) {
            return 0;
        }
        long room = Math.max(0, limits.maxMessageSize() + 2L - received);
        return (int) Math.min(room, Math.max(end - pos, received));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
