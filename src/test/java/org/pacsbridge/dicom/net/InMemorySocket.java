package org.pacsbridge.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.util.Set;

/**
 * A connected socket without a network: the peer's bytes are fixed in advance and what the local side
 * writes is kept. Once the peer's bytes are used up the socket behaves as {@link End} says. Reads and
 * writes on a closed socket fail as on a real one.
 */
final class InMemorySocket extends Socket {

    /** What the peer does after its last byte. */
    enum End {
        /** Closes the connection: reads return end of stream. */
        CLOSE,
        /** Stays silent: the next read times out, later reads see the connection closed. */
        SILENCE,
        /** Resets the connection: reads fail with "Connection reset". */
        RESET
    }

    private final byte[] incoming;
    private final End end;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final InputStream input = new Input();
    private final OutputStream output = new Output();
    private int position;
    private boolean timedOut;
    private volatile boolean closed;

    InMemorySocket(byte[] incoming, End end) {
        this.incoming = incoming.clone();
        this.end = end;
    }

    /** @return everything the local side wrote */
    byte[] written() {
        return written.toByteArray();
    }

    @Override
    public InputStream getInputStream() {
        return input;
    }

    @Override
    public OutputStream getOutputStream() {
        return output;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 40404);
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // nothing to tune
    }

    @Override
    public void setSoTimeout(int timeout) {
        // reads never block
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket closed");
        }
    }

    /** @return whether a byte is left; false once the peer's end is reached and it closed */
    private boolean hasMore() throws IOException {
        checkOpen();
        if (position < incoming.length) {
            return true;
        }
        switch (end) {
            case SILENCE:
                if (!timedOut) {
                    timedOut = true;
                    throw new SocketTimeoutException("Read timed out");
                }
                return false;
            case RESET:
                throw new SocketException("Connection reset");
            default:
                return false;
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            return hasMore() ? incoming[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!hasMore()) {
                return -1;
            }
            int n = Math.min(len, incoming.length - position);
            System.arraycopy(incoming, position, b, off, n);
            position += n;
            return n;
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            checkOpen();
            written.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checkOpen();
            written.write(b, off, len);
        }
    }
}
