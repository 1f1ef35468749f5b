package org.pacsbridge.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.pacsbridge.dicom.net.internal.AssociateParams;
import org.pacsbridge.dicom.net.internal.CommandSet;
import org.pacsbridge.dicom.net.internal.Pdu;
import org.pacsbridge.dicom.net.internal.PresentationContext;

/** Shared helpers for the network tests: a recording handler, raw PDU peers and synthetic DICOM files. */
final class NetTestSupport {
    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String SC = "1.2.840.10008.5.1.4.1.1.7";
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";

    private NetTestSupport() {
    }

    /** Records every object: bytes received, completion or abort. */
    static final class RecordingHandler implements CStoreHandler {
        final List<Stored> stored = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger aborted = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        volatile CountDownLatch endLatch = new CountDownLatch(1);
        volatile int refuseWith = -1;
        volatile boolean failComplete;
        volatile int completeStatus = 0;
        volatile boolean keepBytes = true;

        @Override
        public DataSetSink begin(StoreRequest request) throws DimseStatusException {
            if (refuseWith >= 0) {
                throw new DimseStatusException(refuseWith);
            }
            Stored s = new Stored(request);
            stored.add(s);
            return new DataSetSink() {
                @Override
                public void write(byte[] buf, int off, int len) {
                    s.writes.incrementAndGet();
                    s.maxWrite = Math.max(s.maxWrite, len);
                    s.total += len;
                    if (keepBytes) {
                        s.bytes.write(buf, off, len);
                    }
                    s.progress.countDown();
                }

                @Override
                public int complete() throws IOException {
                    if (failComplete) {
                        throw new IOException("disk full (test)");
                    }
                    s.completed = true;
                    completed.incrementAndGet();
                    endLatch.countDown();
                    return completeStatus;
                }

                @Override
                public void abort() {
                    s.aborted = true;
                    aborted.incrementAndGet();
                    endLatch.countDown();
                }
            };
        }
    }

    /** One received object. */
    static final class Stored {
        final StoreRequest request;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch progress = new CountDownLatch(1);
        volatile int maxWrite;
        volatile long total;
        volatile boolean completed;
        volatile boolean aborted;

        Stored(StoreRequest r) {
            this.request = r;
        }
    }

    static DicomServerConfig.Builder serverConfig() {
        return DicomServerConfig.builder()
                .bindHost("127.0.0.1").port(0).calledAeTitle("BRIDGE")
                .support(SC, EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE, JPEG_LOSSLESS_SV1)
                .support(CT, IMPLICIT_LE, EXPLICIT_LE)
                .artim(Duration.ofSeconds(3));
    }

    static DicomClientConfig.Builder clientConfig(DicomServer server) {
        return DicomClientConfig.builder().host("127.0.0.1").port(server.localPort())
                .callingAeTitle("TESTSCU").calledAeTitle("BRIDGE")
                .artim(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(10));
    }

    // ------------------------------------------------------------------ raw peer

    /** A hand-driven TCP peer that speaks PDUs byte by byte. */
    static final class RawPeer implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;

        RawPeer(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void send(byte[] b) throws IOException {
            out.write(b);
            out.flush();
        }

        /** @return {type, body...} or null at end of stream */
        RawPdu read() throws IOException {
            int t = in.read();
            if (t < 0) {
                return null;
            }
            in.readByte();
            int len = in.readInt();
            byte[] body = new byte[len];
            in.readFully(body);
            return new RawPdu(t, body);
        }

        /** @return true if the peer closed the connection (EOF or reset) within the socket timeout */
        boolean closedByPeer() throws IOException {
            try {
                return in.read() < 0;
            } catch (java.net.SocketException e) {
                return true;
            }
        }

        /** Sends a standard A-ASSOCIATE-RQ and returns the decoded A-ASSOCIATE-AC. */
        AssociateParams associate(String calling, String called, PresentationContext... pcs) throws IOException {
            send(associateRq(calling, called, pcs));
            RawPdu p = read();
            if (p == null || p.type != Pdu.A_ASSOCIATE_AC) {
                throw new IOException("expected A-ASSOCIATE-AC, got " + (p == null ? "EOF" : p.type));
            }
            return Pdu.decodeAssociate(p.body, p.body.length, true);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    record RawPdu(int type, byte[] body) {
    }

    static byte[] associateRq(String calling, String called, PresentationContext... pcs) {
        AssociateParams rq = new AssociateParams();
        rq.callingAe = calling;
        rq.calledAe = called;
        rq.maxPduLength = 16384;
        rq.implementationClassUid = "1.2.3.4";
        rq.implementationVersionName = "RAWPEER";
        for (PresentationContext pc : pcs) {
            rq.contexts.add(pc);
        }
        return Pdu.encodeAssociate(rq, false);
    }

    static PresentationContext pc(int id, String as, String... ts) {
        return new PresentationContext(id, as, List.of(ts));
    }

    /** One P-DATA-TF PDU with one PDV. */
    static byte[] pdata(int pcid, int control, byte[] data) {
        byte[] b = new byte[12 + data.length];
        b[0] = Pdu.P_DATA_TF;
        Pdu.putU32(b, 2, 6 + data.length);
        Pdu.putU32(b, 6, 2 + data.length);
        b[10] = (byte) pcid;
        b[11] = (byte) control;
        System.arraycopy(data, 0, b, 12, data.length);
        return b;
    }

    static byte[] storeRq(int msgId, String sopClass, String sopInstance) {
        return new CommandSet()
                .putUID(CommandSet.AFFECTED_SOP_CLASS_UID, sopClass)
                .putUS(CommandSet.COMMAND_FIELD, CommandSet.C_STORE_RQ)
                .putUS(CommandSet.MESSAGE_ID, msgId)
                .putUS(CommandSet.PRIORITY, 0)
                .putUS(CommandSet.DATA_SET_TYPE, 0)
                .putUID(CommandSet.AFFECTED_SOP_INSTANCE_UID, sopInstance)
                .encode();
    }

    static CommandSet decodeCommandPdu(RawPdu p) throws IOException {
        if (p == null || p.type != Pdu.P_DATA_TF) {
            throw new IOException("expected P-DATA-TF, got " + (p == null ? "EOF" : p.type));
        }
        // single PDV expected
        int len = (int) Pdu.u32(p.body, 0) - 2;
        byte[] cmd = new byte[len];
        System.arraycopy(p.body, 6, cmd, 0, len);
        return CommandSet.decode(cmd, len);
    }

    static boolean waitFor(java.util.function.BooleanSupplier cond, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return cond.getAsBoolean();
    }

    // ------------------------------------------------------------------ synthetic DICOM

    /** Little-endian data set writer (implicit or explicit VR). */
    static final class DataSetBuilder {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final boolean explicit;
        final boolean bigEndian;

        DataSetBuilder(boolean explicit, boolean bigEndian) {
            this.explicit = explicit;
            this.bigEndian = bigEndian;
        }

        private void u16(int v) {
            if (bigEndian) {
                out.write(v >>> 8);
                out.write(v);
            } else {
                out.write(v);
                out.write(v >>> 8);
            }
        }

        private void u32(long v) {
            if (bigEndian) {
                u16((int) (v >>> 16));
                u16((int) v);
            } else {
                u16((int) v);
                u16((int) (v >>> 16));
            }
        }

        DataSetBuilder element(int tag, String vr, byte[] value) {
            u16(tag >>> 16);
            u16(tag & 0xffff);
            if (explicit) {
                out.write(vr.charAt(0));
                out.write(vr.charAt(1));
                if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") || vr.equals("UT")) {
                    u16(0);
                    u32(value == null ? 0xFFFFFFFFL : value.length);
                } else {
                    u16(value.length);
                }
            } else {
                u32(value == null ? 0xFFFFFFFFL : value.length);
            }
            if (value != null) {
                out.write(value, 0, value.length);
            }
            return this;
        }

        DataSetBuilder str(int tag, String vr, String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            if ((b.length & 1) == 1) {
                b = java.util.Arrays.copyOf(b, b.length + 1);
                b[b.length - 1] = (byte) (vr.equals("UI") ? 0 : ' ');
            }
            return element(tag, vr, b);
        }

        DataSetBuilder us(int tag, int v) {
            return element(tag, "US", bigEndian ? new byte[] {(byte) (v >>> 8), (byte) v} : new byte[] {(byte) v, (byte) (v >>> 8)});
        }

        /** Raw item/delimiter header (always 8 bytes, no VR). */
        DataSetBuilder item(int tag, long len, byte[] value) {
            u16(tag >>> 16);
            u16(tag & 0xffff);
            u32(len);
            if (value != null) {
                out.write(value, 0, value.length);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A small Secondary Capture image data set (8-bit, rows x cols). */
    static byte[] scDataSet(String sopInstance, boolean explicit, boolean bigEndian, int rows, int cols) {
        DataSetBuilder d = new DataSetBuilder(explicit, bigEndian);
        d.str(0x00080016, "UI", SC).str(0x00080018, "UI", sopInstance).str(0x00080060, "CS", "OT")
                .str(0x00100010, "PN", "TEST^PATIENT").str(0x00100020, "LO", "PID123")
                .str(0x0020000D, "UI", "1.2.826.0.1.3680043.2.1125.1.1").str(0x0020000E, "UI", "1.2.826.0.1.3680043.2.1125.1.2")
                .us(0x00280002, 1).str(0x00280004, "CS", "MONOCHROME2").us(0x00280010, rows).us(0x00280011, cols)
                .us(0x00280100, 8).us(0x00280101, 8).us(0x00280102, 7).us(0x00280103, 0);
        byte[] px = new byte[rows * cols + ((rows * cols) & 1)];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 31 + 7);
        }
        d.element(0x7FE00010, "OB", px);
        return d.bytes();
    }

    /** SC data set in JPEG Lossless SV1 with (fake) encapsulated pixel data. */
    static byte[] scEncapsulated(String sopInstance) {
        DataSetBuilder d = new DataSetBuilder(true, false);
        d.str(0x00080016, "UI", SC).str(0x00080018, "UI", sopInstance).str(0x00080060, "CS", "OT")
                .str(0x00100020, "LO", "PID123")
                .us(0x00280002, 1).str(0x00280004, "CS", "MONOCHROME2").us(0x00280010, 16).us(0x00280011, 16)
                .us(0x00280100, 8).us(0x00280101, 8).us(0x00280102, 7).us(0x00280103, 0);
        d.element(0x7FE00010, "OB", null);
        d.item(0xFFFEE000, 0, null);
        byte[] frag = new byte[64];
        frag[0] = (byte) 0xFF;
        frag[1] = (byte) 0xD8;
        frag[62] = (byte) 0xFF;
        frag[63] = (byte) 0xD9;
        d.item(0xFFFEE000, frag.length, frag);
        d.item(0xFFFEE0DD, 0, null);
        return d.bytes();
    }

    /** Writes a Part 10 file: preamble, DICM, explicit VR LE group 0002, then the data set bytes. */
    static Path writePart10(Path file, String sopClass, String sopInstance, String ts, byte[] dataSet) throws IOException {
        DataSetBuilder meta = new DataSetBuilder(true, false);
        meta.element(0x00020001, "OB", new byte[] {0, 1})
                .str(0x00020002, "UI", sopClass).str(0x00020003, "UI", sopInstance).str(0x00020010, "UI", ts)
                .str(0x00020012, "UI", "1.2.826.0.1.3680043.2.1125.99").str(0x00020013, "SH", "NETTEST");
        byte[] m = meta.bytes();
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(new byte[128]);
            o.write("DICM".getBytes(StandardCharsets.US_ASCII));
            DataSetBuilder gl = new DataSetBuilder(true, false);
            gl.element(0x00020000, "UL", new byte[] {(byte) m.length, (byte) (m.length >>> 8), (byte) (m.length >>> 16), (byte) (m.length >>> 24)});
            o.write(gl.bytes());
            o.write(m);
            o.write(dataSet);
        }
        return file;
    }

    /** Reads all bytes after the 0002 group of a Part 10 file (the data set). */
    static byte[] dataSetOf(Path part10) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(part10))) {
            org.pacsbridge.dicom.Part10Reader.readFileMeta(in);
            return in.readAllBytes();
        }
    }

    static void skipFully(InputStream in, long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                throw new EOFException();
            }
            n -= k;
        }
    }
}
