package org.pacsbridge.dicom.net.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;

/**
 * One TCP connection carrying upper-layer PDUs: reading PDU headers and bodies with timeouts, writing whole
 * PDUs with a single write call, and the socket options (TCP_NODELAY, TCP_QUICKACK re-armed after every
 * read where the platform supports it).
 */
public final class Transport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pacsbridge.dicom.net");
    private static final SocketOption<Boolean> QUICKACK = quickAckOption();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final byte[] header = new byte[Pdu.HEADER_LENGTH];
    private long deadlineNanos;
    private long pduTimeoutNanos;
    private long pduDeadlineNanos;
    private long messageDeadlineNanos;
    private int readTimeoutMillis;
    private int appliedSoTimeout = -1;
    private volatile boolean closed;

    /** Header of the PDU most recently read: type. */
    public int pduType;
    /** Header of the PDU most recently read: length of the variable part. */
    public long pduLength;

    /**
     * @param socket   a connected socket
     * @param noDelay  set TCP_NODELAY
     * @param quickAck re-arm TCP_QUICKACK after reads when supported
     */
    public Transport(Socket socket, boolean noDelay, boolean quickAck) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(noDelay);
        boolean qa = quickAck && QUICKACK != null && socket.supportedOptions().contains(QUICKACK);
        InputStream raw = socket.getInputStream();
        this.in = new java.io.BufferedInputStream(qa ? new QuickAckInput(raw, socket) : raw, 65536);
        this.out = socket.getOutputStream();
    }

    private static SocketOption<Boolean> quickAckOption() {
        try {
            return jdk.net.ExtendedSocketOptions.TCP_QUICKACK;
        } catch (Throwable t) {
            return null;
        }
    }

    /** @return the socket */
    public Socket socket() {
        return socket;
    }

    /** Sets the per-read timeout (SO_TIMEOUT), 0 = infinite. */
    public void setReadTimeout(long millis) throws SocketException {
        readTimeoutMillis = (int) Math.max(0, Math.min(Integer.MAX_VALUE, millis));
        applySoTimeout(readTimeoutMillis);
    }

    private void applySoTimeout(int millis) throws SocketException {
        if (millis != appliedSoTimeout) {
            socket.setSoTimeout(millis);
            appliedSoTimeout = millis;
        }
    }

    /** Sets an absolute deadline for all reads (0 = none); reads past it throw {@link DeadlineException}. */
    public void setDeadline(long nanosFromNow) {
        deadlineNanos = at(nanosFromNow);
    }

    /**
     * Each PDU must arrive whole within this time from its first byte (0 = no bound), however its bytes
     * are spread: a peer trickling bytes cannot hold the connection with reads that each succeed.
     */
    public void setPduTimeout(long nanos) {
        pduTimeoutNanos = Math.max(0, nanos);
    }

    /** Deadline for the DIMSE message being received (0 = none); reads past it throw {@link DeadlineException}. */
    public void setMessageDeadline(long nanosFromNow) {
        messageDeadlineNanos = at(nanosFromNow);
    }

    /** @return whether a message deadline is running */
    public boolean hasMessageDeadline() {
        return messageDeadlineNanos != 0;
    }

    private static long at(long nanosFromNow) {
        return nanosFromNow <= 0 ? 0 : (System.nanoTime() + nanosFromNow) | 1L; // never 0 when set
    }

    /** Bounds the next read by the nearest deadline; throws if one has passed. */
    private void armRead() throws IOException {
        long now = System.nanoTime();
        Deadline nearest = nearest();
        if (nearest == null) {
            applySoTimeout(readTimeoutMillis);
            return;
        }
        long left = nearest.at - now;
        if (left <= 0) {
            throw new DeadlineException(nearest.kind);
        }
        long leftMillis = Math.max(1, (left + 999_999) / 1_000_000);
        int timeout = readTimeoutMillis == 0 ? (int) Math.min(Integer.MAX_VALUE, leftMillis)
                : (int) Math.min(readTimeoutMillis, leftMillis);
        applySoTimeout(timeout);
    }

    /** A read timed out: report the deadline that caused it, if one did. */
    private IOException timedOut(SocketTimeoutException e) {
        Deadline nearest = nearest();
        if (nearest != null && System.nanoTime() - nearest.at >= -1_000_000) {
            return new DeadlineException(nearest.kind);
        }
        return e;
    }

    private Deadline nearest() {
        Deadline d = null;
        d = earlier(d, deadlineNanos, DeadlineException.Kind.TIMER);
        d = earlier(d, pduDeadlineNanos, DeadlineException.Kind.PDU);
        d = earlier(d, messageDeadlineNanos, DeadlineException.Kind.MESSAGE);
        return d;
    }

    private static Deadline earlier(Deadline d, long at, DeadlineException.Kind kind) {
        if (at == 0 || (d != null && at - d.at >= 0)) {
            return d;
        }
        return new Deadline(at, kind);
    }

    private record Deadline(long at, DeadlineException.Kind kind) {
    }

    private int read(byte[] b, int off, int len) throws IOException {
        armRead();
        try {
            return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw timedOut(e);
        }
    }

    /**
     * Reads the next PDU header into {@link #pduType} / {@link #pduLength}.
     *
     * @throws EOFException if the connection was closed before the first header byte
     * @throws TruncatedException if it closed inside the header
     */
    public void readHeader() throws IOException {
        pduDeadlineNanos = 0;
        if (read(header, 0, 1) < 0) {
            throw new EOFException("transport closed");
        }
        int first = header[0] & 0xff;
        pduDeadlineNanos = at(pduTimeoutNanos);
        readFully(header, 1, Pdu.HEADER_LENGTH - 1);
        pduType = first;
        pduLength = Pdu.u32(header, 2);
    }

    /** Reads exactly {@code len} bytes. @throws TruncatedException on end of stream */
    public void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = read(b, off, len);
            if (n < 0) {
                throw new TruncatedException();
            }
            off += n;
            len -= n;
        }
    }

    /** Reads a big-endian 32-bit value. */
    public long readU32() throws IOException {
        byte[] b = new byte[4];
        readFully(b, 0, 4);
        return Pdu.u32(b, 0);
    }

    /** Reads up to {@code len} (&gt; 0) bytes, at least one. @throws TruncatedException on end of stream */
    public int readSome(byte[] b, int off, int len) throws IOException {
        int n = read(b, off, len);
        if (n < 0) {
            throw new TruncatedException();
        }
        return n;
    }

    /** Discards exactly {@code n} bytes. */
    public void skipFully(long n, byte[] scratch) throws IOException {
        while (n > 0) {
            n -= readSome(scratch, 0, (int) Math.min(n, scratch.length));
        }
    }

    /** Writes a complete PDU (or several) in one call. */
    public void write(byte[] b, int off, int len) throws IOException {
        synchronized (writeLock) {
            out.write(b, off, len);
            out.flush();
        }
    }

    /** Writes a complete PDU. */
    public void write(byte[] pdu) throws IOException {
        write(pdu, 0, pdu.length);
    }

    /** Best-effort write of an A-ABORT PDU; errors are ignored. */
    public void sendAbortQuietly(int source, int reason) {
        try {
            write(Pdu.encodeAbort(source, reason));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send A-ABORT: " + e);
        }
    }

    /**
     * Sta13 behaviour: wait until the peer closes the connection or the ARTIM time passes, discarding
     * anything received (AA-6), then close.
     *
     * @return true if the peer closed (Evt17), false if the time ran out (Evt18)
     */
    public boolean awaitCloseThenClose(long artimMillis) {
        boolean peerClosed = false;
        try {
            setDeadline(0);
            pduDeadlineNanos = 0;
            messageDeadlineNanos = 0;
            long end = System.nanoTime() + artimMillis * 1_000_000L;
            byte[] scratch = new byte[4096];
            while (!closed) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                setReadTimeout(left);
                if (in.read(scratch) < 0) {
                    peerClosed = true;
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // ARTIM expired
        } catch (IOException e) {
            peerClosed = true; // reset by peer counts as closed
        } finally {
            close();
        }
        return peerClosed;
    }

    /** @return true once {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** A read deadline passed: ARTIM or the association request's ({@code TIMER}), a PDU's, or a message's. */
    public static final class DeadlineException extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        /** Which deadline passed. */
        public enum Kind { TIMER, PDU, MESSAGE }

        private final transient Kind kind;

        DeadlineException(Kind kind) {
            super(kind.name().toLowerCase(java.util.Locale.ROOT) + " deadline passed");
            this.kind = kind;
        }

        /** @return which deadline passed */
        public Kind kind() {
            return kind;
        }
    }

    /** End of stream in the middle of a PDU. */
    public static final class TruncatedException extends EOFException {
        private static final long serialVersionUID = 1L;

        TruncatedException() {
            super("transport closed inside a PDU");
        }
    }

    /** Re-arms TCP_QUICKACK after each read from the socket (Linux clears it after delayed ACKs). */
    private static final class QuickAckInput extends FilterInputStream {
        private final Socket socket;
        private boolean broken;

        QuickAckInput(InputStream in, Socket socket) {
            super(in);
            this.socket = socket;
            rearm();
        }

        private void rearm() {
            if (broken) {
                return;
            }
            try {
                socket.setOption(QUICKACK, Boolean.TRUE);
            } catch (IOException | UnsupportedOperationException e) {
                // not on this platform: reads go on without quick ACKs, only slower against peers
                // that leave Nagle on (see the class comment)
                broken = true;
            }
        }

        @Override
        public int read() throws IOException {
            int r = super.read();
            rearm();
            return r;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = in.read(b, off, len);
            rearm();
            return r;
        }
    }
}
