package org.pacsbridge.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A relay on the loopback interface between a DICOM requestor and an acceptor that passes every byte through
 * unchanged and notes the length field of each PDU, per direction: what a peer made of the other side's maximum
 * PDU length is seen on the wire, not taken from its log.
 */
public final class PduLengthTap implements AutoCloseable {

    /** PS3.8 9.3: the PDU types this class's callers look for. */
    public static final int P_DATA_TF = 0x04;
    public static final int A_RELEASE_RQ = 0x05;
    public static final int A_RELEASE_RP = 0x06;
    public static final int A_ABORT = 0x07;

    private final ServerSocket listener;
    private final int targetPort;
    private final Queue<long[]> towardsAcceptor = new ConcurrentLinkedQueue<>();
    private final Queue<long[]> towardsRequestor = new ConcurrentLinkedQueue<>();
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();

    /** Starts relaying connections made to {@link #port()} to 127.0.0.1:targetPort. */
    public PduLengthTap(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "pdu-tap-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port requestors connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The lengths of the PDUs of this type sent by the requestor, in order. */
    public List<Long> fromRequestor(int pduType) {
        return lengths(towardsAcceptor, pduType);
    }

    /** The lengths of the PDUs of this type sent by the acceptor, in order. */
    public List<Long> fromAcceptor(int pduType) {
        return lengths(towardsRequestor, pduType);
    }

    private static List<Long> lengths(Queue<long[]> seen, int pduType) {
        return seen.stream().filter(pdu -> pdu[0] == pduType).map(pdu -> pdu[1]).toList();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket requestor = listener.accept();
                Socket acceptor = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(requestor);
                sockets.add(acceptor);
                pump(requestor, acceptor, towardsAcceptor);
                pump(acceptor, requestor, towardsRequestor);
            } catch (IOException e) {
                // closed, or the target refused: the requestor sees its connection end
            }
        }
    }

    private static void pump(Socket from, Socket to, Queue<long[]> seen) {
        Thread thread = new Thread(() -> {
            // the streams stay open: closing one would close the socket, and the other direction with it
            try {
                DataInputStream in = new DataInputStream(from.getInputStream());
                OutputStream out = to.getOutputStream();
                byte[] header = new byte[6];
                byte[] buffer = new byte[65536];
                while (true) {
                    try {
                        in.readFully(header);
                    } catch (EOFException e) {
                        break;
                    }
                    long length = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
                            | (header[5] & 0xFF);
                    seen.add(new long[] {header[0] & 0xFF, length});
                    out.write(header);
                    for (long left = length; left > 0; ) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            throw new EOFException("connection ended inside a PDU");
                        }
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "pdu-tap-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(PduLengthTap::closeQuietly);
    }
}
