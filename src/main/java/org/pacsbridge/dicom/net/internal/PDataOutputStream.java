package org.pacsbridge.dicom.net.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a byte stream (a command or a data set) into P-DATA-TF PDUs of one PDV each, never exceeding
 * the peer's maximum PDU length. The buffer is reserved up front and reused; the last PDV is sent with
 * the "last fragment" bit by {@link #finish()}. Each PDU is written with one socket write.
 */
public final class PDataOutputStream extends OutputStream {
    /** Bytes before the PDV data: PDU header (6) + PDV item length (4) + PC ID (1) + control header (1). */
    public static final int OVERHEAD = 12;

    private final Transport transport;
    private final byte[] buf;
    private final int capacity;
    private final Runnable beforeSend;
    private int pcid;
    private boolean command;
    private int count;
    private boolean finished = true;

    /**
     * @param transport  where PDUs go
     * @param buf        reusable buffer, at least OVERHEAD + 1 bytes; its size bounds the PDV data length
     * @param maxPduLength peer's maximum PDU length (already capped, &gt; 6)
     * @param beforeSend called before every PDU is written (state machine Evt9), may be null
     */
    public PDataOutputStream(Transport transport, byte[] buf, long maxPduLength, Runnable beforeSend) {
        this.transport = transport;
        this.buf = buf;
        this.capacity = (int) Math.min(buf.length - OVERHEAD, maxPduLength - 6);
        if (capacity < 1) {
            throw new IllegalArgumentException("PDU length too small");
        }
        this.beforeSend = beforeSend;
    }

    /** @return maximum PDV data length per PDU */
    public int capacity() {
        return capacity;
    }

    /** Starts a new message part (command or data set) for a presentation context. */
    public PDataOutputStream begin(int pcid, boolean command) {
        this.pcid = pcid;
        this.command = command;
        this.count = 0;
        this.finished = false;
        return this;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == capacity) {
            send(false);
        }
        buf[OVERHEAD + count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == capacity) {
                send(false);
            }
            int n = Math.min(len, capacity - count);
            System.arraycopy(b, off, buf, OVERHEAD + count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Copies {@code in} to the PDVs, reading straight into the PDU buffer (no intermediate copy). */
    public long transferFrom(java.io.InputStream in) throws IOException {
        long total = 0;
        while (true) {
            if (count == capacity) {
                send(false);
            }
            int n = in.read(buf, OVERHEAD + count, capacity - count);
            if (n < 0) {
                return total;
            }
            count += n;
            total += n;
        }
    }

    /** Sends what is buffered as the last fragment. */
    public void finish() throws IOException {
        if (!finished) {
            send(true);
            finished = true;
        }
    }

    private void send(boolean last) throws IOException {
        if (beforeSend != null) {
            beforeSend.run();
        }
        long pduLen = 6L + count;
        buf[0] = Pdu.P_DATA_TF;
        buf[1] = 0;
        Pdu.putU32(buf, 2, pduLen);
        Pdu.putU32(buf, 6, 2L + count);
        buf[10] = (byte) pcid;
        buf[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
        transport.write(buf, 0, OVERHEAD + count);
        count = 0;
    }
}
