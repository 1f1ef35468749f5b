package org.pacsbridge.dicom.net;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.internal.Action;
import org.pacsbridge.dicom.net.internal.AssociateParams;
import org.pacsbridge.dicom.net.internal.CommandSet;
import org.pacsbridge.dicom.net.internal.Event;
import org.pacsbridge.dicom.net.internal.PDataOutputStream;
import org.pacsbridge.dicom.net.internal.Pdu;
import org.pacsbridge.dicom.net.internal.PduFormatException;
import org.pacsbridge.dicom.net.internal.PresentationContext;
import org.pacsbridge.dicom.net.internal.State;
import org.pacsbridge.dicom.net.internal.StateMachine;
import org.pacsbridge.dicom.net.internal.Transport;

/**
 * An established client-side (association-requestor) association: C-ECHO and C-STORE as SCU.
 * Not thread-safe: use one association from one thread at a time. Operations are synchronous
 * (asynchronous operations window 1).
 */
public final class Association implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pacsbridge.dicom.net");
    private static final String VERIFICATION = "1.2.840.10008.1.1";
    /** Largest PDU we send when the peer announces 0 (unlimited) or more. */
    static final int SEND_CAP = 262144;
    private static final int MAX_NON_DATA_PDU = 1 << 20;
    private static final int MAX_COMMAND = 65536;
    private static final long ABORT_CLOSE_WAIT_MS = 1000;

    private final DicomClientConfig cfg;
    private final StateMachine sm = new StateMachine(true);
    private final List<PresentationContext> acceptedContexts = new ArrayList<>();
    private Transport transport;
    private PDataOutputStream pout;
    private long peerMaxPdu;
    private String peerImplementationClassUid;
    private String peerImplementationVersionName;
    private int nextMessageId = 1;
    private final byte[] scratch = new byte[8192];
    private final byte[] pdvHeader = new byte[6];
    private byte[] cmdBuf = new byte[512];

    private Association(DicomClientConfig cfg) {
        this.cfg = cfg;
    }

    /**
     * Connects and negotiates an association.
     *
     * @param cfg      client configuration
     * @param contexts presentation contexts to propose (1..128); IDs 1, 3, 5, ... are assigned in order
     * @throws AssociationRejectedException on A-ASSOCIATE-RJ
     * @throws AssociationAbortedException  on A-ABORT or a protocol error by the peer
     * @throws DicomTimeoutException        if no answer arrives within ARTIM
     * @throws DicomNetworkException        on connection failures
     */
    public static Association open(DicomClientConfig cfg, List<PresentationContextRequest> contexts) throws IOException {
        Objects.requireNonNull(cfg, "cfg");
        if (contexts.isEmpty() || contexts.size() > 128) {
            throw new IllegalArgumentException("1..128 presentation contexts required");
        }
        Association a = new Association(cfg);
        a.connectAndNegotiate(contexts);
        return a;
    }

    private void connectAndNegotiate(List<PresentationContextRequest> contexts) throws IOException {
        AssociateParams rq = new AssociateParams();
        rq.calledAe = cfg.calledAeTitle();
        rq.callingAe = cfg.callingAeTitle();
        rq.maxPduLength = cfg.maxPduLengthReceive();
        rq.implementationClassUid = UID.IMPLEMENTATION_CLASS;
        rq.implementationVersionName = UID.IMPLEMENTATION_VERSION_NAME;
        int id = 1;
        for (PresentationContextRequest r : contexts) {
            rq.contexts.add(new PresentationContext(id, r.abstractSyntaxUid(), r.transferSyntaxUids()));
            id += 2;
        }
        byte[] rqPdu = Pdu.encodeAssociate(rq, false);

        sm.fire(Event.Evt1); // AE-1: transport connect
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(cfg.host(), cfg.port()), (int) cfg.connectTimeout().toMillis());
            transport = new Transport(socket, cfg.tcpNoDelay(), cfg.tcpQuickAck());
        } catch (IOException e) {
            sm.fire(Event.Evt15); // AA-2
            socket.close();
            if (e instanceof SocketTimeoutException) {
                throw new DicomTimeoutException("connect to " + cfg.host() + ":" + cfg.port() + " timed out");
            }
            throw new DicomNetworkException("connect to " + cfg.host() + ":" + cfg.port() + " failed: " + e.getMessage(), e);
        }
        sm.fire(Event.Evt2); // AE-2: send A-ASSOCIATE-RQ
        try {
            transport.write(rqPdu);
            transport.setReadTimeout(cfg.artim().toMillis());
            readHeaderChecked();
            int type = transport.pduType;
            int len = (int) transport.pduLength;
            switch (type) {
                case Pdu.A_ASSOCIATE_AC: {
                    byte[] body = new byte[len];
                    transport.readFully(body, 0, len);
                    AssociateParams ac = Pdu.decodeAssociate(body, len, true);
                    sm.fire(Event.Evt3); // AE-3
                    established(rq, ac);
                    return;
                }
                case Pdu.A_ASSOCIATE_RJ: {
                    byte[] body = readSmallBody(len);
                    sm.fire(Event.Evt4); // AE-4
                    transport.close();
                    throw new AssociationRejectedException(body[1] & 0xff, body[2] & 0xff, body[3] & 0xff);
                }
                default:
                    handleUnexpected(type, len);
                    throw new IllegalStateException("unreachable");
            }
        } catch (IOException e) {
            throw failure(e, "no A-ASSOCIATE response within ARTIM");
        }
    }

    private void established(AssociateParams rq, AssociateParams ac) throws IOException {
        for (PresentationContext r : ac.contexts) {
            if (r.result != PresentationContext.ACCEPTANCE) {
                continue;
            }
            PresentationContext proposed = null;
            for (PresentationContext p : rq.contexts) {
                if (p.id == r.id) {
                    proposed = p;
                }
            }
            if (proposed == null || !proposed.transferSyntaxes.contains(r.transferSyntax())) {
                LOG.log(System.Logger.Level.WARNING, "peer " + cfg.calledAeTitle() + " accepted presentation context " + r.id + " inconsistently; ignored");
                continue;
            }
            r.abstractSyntax = proposed.abstractSyntax;
            acceptedContexts.add(r);
        }
        peerMaxPdu = ac.maxPduLength;
        peerImplementationClassUid = ac.implementationClassUid;
        peerImplementationVersionName = ac.implementationVersionName;
        int sendMax = (peerMaxPdu <= 0 || peerMaxPdu > SEND_CAP) ? SEND_CAP : (int) Math.max(peerMaxPdu, 64);
        pout = new PDataOutputStream(transport, new byte[sendMax + 6], sendMax, () -> sm.fire(Event.Evt9));
    }

    /** @return accepted presentation contexts as (abstract syntax, [transfer syntax]) requests */
    public List<PresentationContextRequest> acceptedContexts() {
        List<PresentationContextRequest> r = new ArrayList<>();
        for (PresentationContext pc : acceptedContexts) {
            r.add(new PresentationContextRequest(pc.abstractSyntax, List.of(pc.transferSyntax())));
        }
        return Collections.unmodifiableList(r);
    }

    /** @return the maximum PDU length the peer announced (0 = unlimited) */
    public long peerMaxPduLength() {
        return peerMaxPdu;
    }

    /** @return the peer's implementation class UID, or null */
    public String peerImplementationClassUid() {
        return peerImplementationClassUid;
    }

    /** @return the peer's implementation version name, or null */
    public String peerImplementationVersionName() {
        return peerImplementationVersionName;
    }

    /** @return true while the association is established (Sta6) */
    public boolean isEstablished() {
        return sm.state() == State.Sta6;
    }

    /**
     * Sends C-ECHO-RQ and waits for the response.
     *
     * @return the DIMSE status of the C-ECHO-RSP
     */
    public int echo() throws IOException {
        PresentationContext pc = find(VERIFICATION, null);
        int msgId = nextMessageId();
        CommandSet cs = new CommandSet()
                .putUID(CommandSet.AFFECTED_SOP_CLASS_UID, VERIFICATION)
                .putUS(CommandSet.COMMAND_FIELD, CommandSet.C_ECHO_RQ)
                .putUS(CommandSet.MESSAGE_ID, msgId)
                .putUS(CommandSet.DATA_SET_TYPE, CommandSet.NO_DATA_SET);
        try {
            sendCommand(pc.id, cs);
        } catch (IOException e) {
            throw sendFailed(e);
        }
        return awaitResponse(pc.id, msgId, CommandSet.C_ECHO_RSP);
    }

    /**
     * Sends a Part 10 file with C-STORE. The file meta information is read with {@link Part10Reader}; the
     * data set is streamed from disk in the file's transfer syntax (no transcoding), fragmented to the
     * peer's maximum PDU length.
     *
     * @return the DIMSE status of the C-STORE-RSP
     * @throws NoPresentationContextException if no accepted context has the file's SOP class and transfer syntax
     */
    public int store(Path part10File) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(part10File), 65536)) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            return store(meta.mediaStorageSopClassUid(), meta.mediaStorageSopInstanceUid(), meta.transferSyntaxUid(), in);
        }
    }

    /**
     * Sends a data set with C-STORE, streaming {@code dataSet} until its end.
     *
     * @param dataSet data set encoded in {@code transferSyntaxUid} (not closed by this method)
     * @return the DIMSE status of the C-STORE-RSP
     */
    public int store(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, InputStream dataSet) throws IOException {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        PresentationContext pc = find(sopClassUid, Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid"));
        int msgId = nextMessageId();
        CommandSet cs = new CommandSet()
                .putUID(CommandSet.AFFECTED_SOP_CLASS_UID, sopClassUid)
                .putUS(CommandSet.COMMAND_FIELD, CommandSet.C_STORE_RQ)
                .putUS(CommandSet.MESSAGE_ID, msgId)
                .putUS(CommandSet.PRIORITY, 0)
                .putUS(CommandSet.DATA_SET_TYPE, 0x0000)
                .putUID(CommandSet.AFFECTED_SOP_INSTANCE_UID, sopInstanceUid);
        try {
            sendCommand(pc.id, cs);
        } catch (IOException e) {
            throw sendFailed(e);
        }
        pout.begin(pc.id, false);
        try {
            pout.transferFrom(dataSet);
        } catch (IOException e) {
            if (transport.isClosed() || !isEstablished()) {
                throw sendFailed(e);
            }
            // Reading the source failed half way: the peer holds a partial object; only A-ABORT can discard it.
            abort();
            throw new DicomNetworkException("reading the data set failed; association aborted: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
        try {
            pout.finish();
        } catch (IOException e) {
            throw sendFailed(e);
        }
        return awaitResponse(pc.id, msgId, CommandSet.C_STORE_RSP);
    }

    private PresentationContext find(String abstractSyntax, String ts) throws IOException {
        if (!isEstablished()) {
            throw new DicomNetworkException("association not established (" + sm.state() + ")");
        }
        for (PresentationContext pc : acceptedContexts) {
            if (pc.abstractSyntax.equals(abstractSyntax) && (ts == null || ts.equals(pc.transferSyntax()))) {
                return pc;
            }
        }
        throw new NoPresentationContextException("no accepted presentation context for " + abstractSyntax
                + (ts == null ? "" : " with transfer syntax " + ts));
    }

    private int nextMessageId() {
        int id = nextMessageId;
        nextMessageId = nextMessageId == 0xFFFF ? 1 : nextMessageId + 1;
        return id;
    }

    private void sendCommand(int pcid, CommandSet cs) throws IOException {
        byte[] enc = cs.encode();
        pout.begin(pcid, true);
        pout.write(enc, 0, enc.length);
        pout.finish();
    }

    private int awaitResponse(int pcid, int msgId, int expectedField) throws IOException {
        try {
            transport.setReadTimeout(cfg.responseTimeout().toMillis());
            int cmdLen = 0;
            while (true) {
                readHeaderChecked();
                int type = transport.pduType;
                long len = transport.pduLength;
                if (type != Pdu.P_DATA_TF) {
                    if (type == Pdu.A_RELEASE_RQ) {
                        transport.skipFully(len, scratch);
                        sm.fire(Event.Evt12); // AR-2
                        sm.fire(Event.Evt14); // AR-4
                        transport.write(Pdu.encodeReleaseRp());
                        transport.awaitCloseThenClose(cfg.artim().toMillis());
                        sm.fire(Event.Evt17);
                        throw new DicomNetworkException("peer released the association while a response was outstanding");
                    }
                    handleUnexpected(type, len);
                }
                sm.fire(Event.Evt10); // DT-2
                long remaining = len;
                while (remaining > 0) {
                    if (remaining < 6) {
                        throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDV header crosses PDU end");
                    }
                    transport.readFully(pdvHeader, 0, 6);
                    remaining -= 6;
                    long itemLen = Pdu.u32(pdvHeader, 0);
                    if (itemLen < 2 || itemLen - 2 > remaining) {
                        throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDV length inconsistent");
                    }
                    int dataLen = (int) (itemLen - 2);
                    remaining -= dataLen;
                    int mch = pdvHeader[5] & 0xff;
                    if ((pdvHeader[4] & 0xff) != pcid || (mch & 1) == 0) {
                        throw new PduFormatException(Pdu.ABORT_UNEXPECTED_PARAMETER, "unexpected PDV in response (context " + (pdvHeader[4] & 0xff) + ")");
                    }
                    if (cmdLen + dataLen > MAX_COMMAND) {
                        throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "response command too long");
                    }
                    if (cmdLen + dataLen > cmdBuf.length) {
                        cmdBuf = java.util.Arrays.copyOf(cmdBuf, Math.min(MAX_COMMAND, Math.max(cmdBuf.length * 2, cmdLen + dataLen)));
                    }
                    transport.readFully(cmdBuf, cmdLen, dataLen);
                    cmdLen += dataLen;
                    if ((mch & 2) != 0) {
                        if (remaining != 0) {
                            throw new PduFormatException(Pdu.ABORT_UNEXPECTED_PARAMETER, "data after the last command fragment");
                        }
                        CommandSet rsp = CommandSet.decode(cmdBuf, cmdLen);
                        int field = rsp.getUS(CommandSet.COMMAND_FIELD);
                        int responded = rsp.getUS(CommandSet.MESSAGE_ID_RESPONDED);
                        int status = rsp.getUS(CommandSet.STATUS);
                        int dst = rsp.getUS(CommandSet.DATA_SET_TYPE);
                        if (field != expectedField || responded != msgId || status < 0 || (dst >= 0 && dst != CommandSet.NO_DATA_SET)) {
                            throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, String.format(
                                    "unexpected response: field 0x%04X for message %d (expected 0x%04X for %d)", field, responded, expectedField, msgId));
                        }
                        return status;
                    }
                }
            }
        } catch (IOException e) {
            throw failure(e, "no DIMSE response within " + cfg.responseTimeout().toSeconds() + " s");
        }
    }

    /**
     * Releases the association (A-RELEASE-RQ / A-RELEASE-RP, handling a release collision) and closes
     * the connection. Does nothing if the association is no longer established.
     */
    public void release() throws IOException {
        if (sm.state() != State.Sta6) {
            closeTransport();
            return;
        }
        try {
            sm.fire(Event.Evt11); // AR-1
            transport.write(Pdu.encodeReleaseRq());
            transport.setReadTimeout(cfg.artim().toMillis());
            while (sm.state() != State.Sta1) {
                readHeaderChecked();
                int type = transport.pduType;
                long len = transport.pduLength;
                switch (type) {
                    case Pdu.A_RELEASE_RP:
                        transport.skipFully(len, scratch);
                        Action a = sm.fire(Event.Evt13); // AR-3 (Sta7/Sta11) or AR-10 (Sta10)
                        if (a == Action.AR_3) {
                            transport.close();
                        }
                        break;
                    case Pdu.A_RELEASE_RQ:
                        transport.skipFully(len, scratch);
                        sm.fire(Event.Evt12); // AR-8: collision, requestor -> Sta9
                        sm.fire(Event.Evt14); // AR-9: send A-RELEASE-RP -> Sta11
                        transport.write(Pdu.encodeReleaseRp());
                        break;
                    case Pdu.P_DATA_TF:
                        if (len > Integer.MAX_VALUE) {
                            throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDU too long");
                        }
                        sm.fire(Event.Evt10); // AR-6: data after our release request is discarded
                        transport.skipFully(len, scratch);
                        break;
                    default:
                        handleUnexpected(type, len);
                }
            }
        } catch (IOException e) {
            throw failure(e, "no A-RELEASE-RP within ARTIM");
        }
    }

    /** Aborts the association (A-ABORT, source 0) and closes the connection. Never throws. */
    public void abort() {
        State s = sm.state();
        if (s == State.Sta1 || s == State.Sta13 || transport == null) {
            closeTransport();
            return;
        }
        sm.fire(Event.Evt15); // AA-1
        transport.sendAbortQuietly(0, 0);
        sm.fire(transport.awaitCloseThenClose(Math.min(ABORT_CLOSE_WAIT_MS, cfg.artim().toMillis())) ? Event.Evt17 : Event.Evt18);
    }

    /** Releases if the association is established, else (or if the release fails) aborts. */
    @Override
    public void close() {
        if (sm.state() == State.Sta6) {
            try {
                release();
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "release failed, aborting: " + e);
            }
        }
        abort();
    }

    // ------------------------------------------------------------------ helpers

    private void readHeaderChecked() throws IOException {
        transport.readHeader();
        int type = transport.pduType;
        long len = transport.pduLength;
        if (!Pdu.isKnownType(type)) {
            throw new PduFormatException(Pdu.ABORT_UNRECOGNIZED_PDU, String.format("unrecognized PDU type 0x%02X", type));
        }
        long limit = type == Pdu.P_DATA_TF
                ? (cfg.maxPduLengthReceive() == 0 ? Integer.MAX_VALUE : Math.max(cfg.maxPduLengthReceive(), 4L << 20))
                : MAX_NON_DATA_PDU;
        if (len > limit) {
            throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDU length " + len + " exceeds limit");
        }
    }

    private byte[] readSmallBody(long len) throws IOException {
        if (len != 4) {
            throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDU length " + len + " (expected 4)");
        }
        byte[] b = new byte[4];
        transport.readFully(b, 0, 4);
        return b;
    }

    /** A PDU that is valid but not expected now, or an A-ABORT: always throws. */
    private void handleUnexpected(int type, long len) throws IOException {
        if (type == Pdu.A_ABORT) {
            byte[] b = readSmallBody(len);
            sm.fire(Event.Evt16); // AA-3
            transport.close();
            throw new AssociationAbortedException(b[2] & 0xff, b[3] & 0xff,
                    "association aborted by peer: A-ABORT source " + (b[2] & 0xff) + " reason " + (b[3] & 0xff));
        }
        Action a = sm.fire(Pdu.receiveEvent(type));
        if (a == Action.AA_8 || a == Action.AA_1) {
            transport.sendAbortQuietly(2, Pdu.ABORT_UNEXPECTED_PDU);
            transport.awaitCloseThenClose(Math.min(ABORT_CLOSE_WAIT_MS, cfg.artim().toMillis()));
            sm.fire(Event.Evt17);
        }
        throw new AssociationAbortedException(2, Pdu.ABORT_UNEXPECTED_PDU, "unexpected PDU type " + type + " from peer; association aborted");
    }

    /** What a failed read or write of this association means for the caller; {@code timeoutMeaning} names what was awaited. */
    private DicomNetworkException failure(IOException e, String timeoutMeaning) {
        if (e instanceof PduFormatException format) {
            return protocolError(format);
        }
        if (e instanceof SocketTimeoutException) {
            return localAbort(timeoutMeaning);
        }
        if (e instanceof EOFException) {
            return transportClosed();
        }
        if (e instanceof DicomNetworkException network) {
            return network;
        }
        return transportFailed(e);
    }

    private AssociationAbortedException protocolError(PduFormatException e) {
        LOG.log(System.Logger.Level.WARNING, "peer " + cfg.calledAeTitle() + ": " + e.getMessage() + " -> A-ABORT (source 2, reason " + e.abortReason() + ")");
        if (sm.state() != State.Sta1 && sm.state() != State.Sta13) {
            sm.fire(Event.Evt19); // AA-8
            transport.sendAbortQuietly(2, e.abortReason());
            sm.fire(transport.awaitCloseThenClose(Math.min(ABORT_CLOSE_WAIT_MS, cfg.artim().toMillis())) ? Event.Evt17 : Event.Evt18);
        } else {
            closeTransport();
        }
        return new AssociationAbortedException(2, e.abortReason(), "protocol error by peer: " + e.getMessage());
    }

    private DicomTimeoutException localAbort(String why) {
        abort();
        return new DicomTimeoutException(why + "; association aborted");
    }

    private DicomNetworkException transportClosed() {
        if (sm.state() != State.Sta1) {
            sm.fire(Event.Evt17); // AA-4
        }
        closeTransport();
        return new DicomNetworkException("connection closed by peer");
    }

    private DicomNetworkException transportFailed(IOException e) {
        if (sm.state() != State.Sta1 && sm.state() != State.Sta13) {
            sm.fire(Event.Evt17); // AA-4
        }
        closeTransport();
        return new DicomNetworkException("connection failed: " + e.getMessage(), e);
    }

    private DicomNetworkException sendFailed(IOException e) {
        if (e instanceof DicomNetworkException) {
            return (DicomNetworkException) e;
        }
        return transportFailed(e);
    }

    private void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }
}
