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
        socket.setSoTimeout((int) Math.max(0, Math.min(Integer.MAX_VALUE, millis)));
    }

    /** Sets an absolute deadline for all reads (0 = none); reads past it throw {@link SocketTimeoutException}. */
    public void setDeadline(long nanosFromNow) {
        deadlineNanos = nanosFromNow <= 0 ? 0 : (System.nanoTime() + nanosFromNow) | 1L; // never 0 when set
    }

    private void checkDeadline() throws SocketTimeoutException {
        if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new SocketTimeoutException("deadline passed");
        }
    }

    /**
     * Reads the next PDU header into {@link #pduType} / {@link #pduLength}.
     *
     * @throws EOFException if the connection was closed before the first header byte
     * @throws TruncatedException if it closed inside the header
     */
    public void readHeader() throws IOException {
        checkDeadline();
        int first = in.read();
        if (first < 0) {
            throw new EOFException("transport closed");
        }
        header[0] = (byte) first;
        readFully(header, 1, Pdu.HEADER_LENGTH - 1);
        pduType = first;
        pduLength = Pdu.u32(header, 2);
    }

    /** Reads exactly {@code len} bytes. @throws TruncatedException on end of stream */
    public void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            checkDeadline();
            int n = in.read(b, off, len);
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
        checkDeadline();
        int n = in.read(b, off, len);
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
