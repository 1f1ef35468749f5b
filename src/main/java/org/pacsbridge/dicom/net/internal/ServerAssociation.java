package org.pacsbridge.dicom.net.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.AssociationInfo;
import org.pacsbridge.dicom.net.CStoreHandler;
import org.pacsbridge.dicom.net.DataSetSink;
import org.pacsbridge.dicom.net.DicomServerConfig;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.DimseStatusException;
import org.pacsbridge.dicom.net.LogSafe;
import org.pacsbridge.dicom.net.StoreRequest;

/**
 * The acceptor side of one association: drives the {@link StateMachine} from Sta1 (Evt5) to Sta1, negotiates,
 * answers C-ECHO and streams C-STORE data sets to the {@link CStoreHandler}'s sinks. Runs on one pool thread.
 *
 * <p>Protocol errors are answered with A-ABORT source 2 (service-provider) and the PS3.8 reason; also in
 * Sta2, where the table's AA-1 nominally names the service-user source, because the abort is the
 * provider's reaction to a bad PDU. In Sta13 all incoming data is discarded unparsed (AA-6) until the peer
 * closes or ARTIM expires.
 *
 * <p>Bounds on what a peer may hold: each PDU must arrive whole within {@code pduTimeout} of its first byte,
 * each DIMSE message (command and data set) within {@code objectTimeout} of its first command fragment, and a
 * data set may not exceed {@code maxObjectSize}. Passing one is a local decision, not a protocol error: an
 * A-ABORT source 0 (service-user, AA-1 after Evt15) with a log line, the partial object discarded. A C-STORE-RSP
 * failure is not an option here, as the response may only follow the whole data set, which such a peer may
 * never send.
 */
public final class ServerAssociation implements Runnable {
    private static final System.Logger LOG = System.getLogger("org.pacsbridge.dicom.net");
    private static final String VERIFICATION = "1.2.840.10008.1.1";
    /** Largest PDU we send when the peer announces 0 (unlimited) or more than this. */
    public static final int SEND_CAP = 262144;
    private static final int MAX_ASSOCIATE_PDU = 1 << 20;
    private static final int MAX_COMMAND = 65536;
    private static final int C_CANCEL_RQ = 0x0FFF;

    private final DicomServerConfig cfg;
    private final CStoreHandler handler;
    private final Transport transport;
    private final boolean overloaded;
    private final Runnable onDone;
    private final StateMachine sm = new StateMachine(false);
    private final byte[] readBuf = new byte[65536];
    private final byte[] pdvHeader = new byte[6];
    private final PresentationContext[] accepted = new PresentationContext[256];
    private final InetSocketAddress remote;
    private AssociationInfo info;
    private PDataOutputStream pout;
    private String peer;

    private byte[] cmdBuf = new byte[1024];
    private int cmdLen;
    private int cmdPcid = -1;

    // the message whose data set is being received
    private boolean dataExpected;
    private int dataPcid;
    private int pendingField;
    private int pendingMsgId;
    private String pendingSopClass;
    private String pendingSopInstance;
    private DataSetSink sink;
    private int refusalStatus = -1;
    private long storeStarted;
    private long storeBytes;

    /**
     * @param cfg        server configuration
     * @param handler    C-STORE handler
     * @param transport  accepted connection
     * @param overloaded true if the server is at maxAssociations: the request is read and rejected with
     *                   A-ASSOCIATE-RJ transient, source 3, reason 2 (local limit exceeded)
     * @param onDone     called once when the association has ended
     */
    public ServerAssociation(DicomServerConfig cfg, CStoreHandler handler, Transport transport, boolean overloaded, Runnable onDone) {
        this.cfg = cfg;
        this.handler = handler;
        this.transport = transport;
        this.overloaded = overloaded;
        this.onDone = onDone;
        this.remote = (InetSocketAddress) transport.socket().getRemoteSocketAddress();
        this.peer = String.valueOf(remote);
    }

    /** @return current state (for tests and diagnostics) */
    public State state() {
        return sm.state();
    }

    /** Aborts from another thread (server shutdown): A-ABORT source 0 then close; the worker unwinds. */
    public void shutdown() {
        transport.sendAbortQuietly(0, 0);
        transport.close();
    }

    @Override
    public void run() {
        try {
            sm.fire(Event.Evt5); // AE-5: accept connection, start ARTIM
            transport.setPduTimeout(cfg.pduTimeout().toNanos());
            transport.setReadTimeout(cfg.artim().toMillis());
            transport.setDeadline(TimeUnit.MILLISECONDS.toNanos(cfg.artim().toMillis())); // whole PDU header within ARTIM
            while (sm.state() != State.Sta1) {
                if (sm.state() == State.Sta13) {
                    boolean closedByPeer = transport.awaitCloseThenClose(cfg.artim().toMillis());
                    sm.fire(closedByPeer ? Event.Evt17 : Event.Evt18); // AR-5 or AA-2
                    break;
                }
                step();
            }
        } catch (RuntimeException | IOException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "association " + peer + ": internal error, closing", e);
        } finally {
            abortSink();
            transport.close();
            if (onDone != null) {
                onDone.run();
            }
        }
    }

    /** Reads one PDU and performs the state machine's action for it. */
    private void step() throws IOException {
        try {
            transport.readHeader();
        } catch (SocketTimeoutException e) {
            timeout(e);
            return;
        } catch (EOFException e) {
            transportClosed(e instanceof Transport.TruncatedException ? "connection dropped inside a PDU header" : null);
            return;
        } catch (IOException e) {
            if (!transport.isClosed()) {
                transportClosed("transport error: " + e.getMessage());
            } else {
                transportClosed("aborted locally");
            }
            return;
        }
        int type = transport.pduType;
        long len = transport.pduLength;
        try {
            if (!Pdu.isKnownType(type)) {
                throw new PduFormatException(Pdu.ABORT_UNRECOGNIZED_PDU, String.format("unrecognized PDU type 0x%02X", type));
            }
            long limit = type == Pdu.P_DATA_TF ? cfg.maxPduLengthAccepted() : Math.min(cfg.maxPduLengthAccepted(), MAX_ASSOCIATE_PDU);
            if (len > limit) {
                throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDU length " + len + " exceeds limit " + limit);
            }
            onPdu(type, len);
        } catch (PduFormatException e) {
            protocolError(e.abortReason(), e.getMessage());
        } catch (LimitExceededException e) {
            localAbort(e.getMessage());
        } catch (SocketTimeoutException e) {
            timeout(e);
        } catch (EOFException e) {
            transportClosed("connection dropped inside a PDU");
        } catch (IOException e) {
            transportClosed(transport.isClosed() ? "aborted locally" : "transport error: " + e.getMessage());
        }
    }

    private void onPdu(int type, long len) throws IOException {
        Event evt = Pdu.receiveEvent(type);
        State before = sm.state();
        byte[] body = null;
        AssociateParams rq = null;
        if (type == Pdu.A_ASSOCIATE_RQ && sm.state() == State.Sta2) {
            transport.setDeadline(TimeUnit.MILLISECONDS.toNanos(cfg.associationRequestTimeout().toMillis()));
            body = new byte[(int) len];
            transport.readFully(body, 0, body.length);
            transport.setDeadline(0);
            rq = Pdu.decodeAssociate(body, body.length, false); // PduFormatException -> Evt19
        } else if (type != Pdu.P_DATA_TF) {
            if (len > 1024 && type != Pdu.A_ASSOCIATE_RQ) {
                throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDU type " + type + " length " + len);
            }
            if (type == Pdu.A_ABORT && len >= 4) {
                body = new byte[(int) len];
                transport.readFully(body, 0, body.length);
            } else if (type != Pdu.A_ASSOCIATE_RQ) {
                transport.skipFully(len, readBuf);
            }
        }
        Action a = sm.fire(evt);
        switch (a) {
            case AE_6:
                negotiate(rq);
                break;
            case DT_2:
                receivePData(len);
                break;
            case AR_2:
                if (dataExpected) {
                    LOG.log(System.Logger.Level.WARNING, "association " + peer + ": release requested inside a C-STORE; object discarded");
                }
                abortSink();
                sm.fire(Event.Evt14); // AR-4
                transport.write(Pdu.encodeReleaseRp());
                transport.setReadTimeout(cfg.artim().toMillis());
                break;
            case AA_1:
            case AA_8:
                // unexpected PDU for the state
                protocolErrorAfterFire(a, Pdu.ABORT_UNEXPECTED_PDU, "unexpected PDU type " + type + " in " + before);
                break;
            case AA_2:
            case AA_3: {
                int src = body != null && body.length >= 4 ? body[2] & 0xff : -1;
                int reason = body != null && body.length >= 4 ? body[3] & 0xff : -1;
                if (dataExpected) {
                    LOG.log(System.Logger.Level.WARNING, "association " + peer + ": A-ABORT received (source " + src + ", reason " + reason + ") inside a C-STORE; object discarded");
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "association " + peer + ": A-ABORT received (source " + src + ", reason " + reason + ")");
                }
                abortSink();
                cfg.observer().aborted();
                transport.close();
                break;
            }
            case AA_6:
            case AA_7:
                break; // Sta13: handled by the drain in run()
            default:
                throw new IllegalStateException("unhandled action " + a);
        }
    }

    // ------------------------------------------------------------------ negotiation (Sta3)

    private void negotiate(AssociateParams rq) throws IOException {
        peer = LogSafe.text(rq.callingAe) + "@" + remote;
        int[] rj = rejection(rq);
        if (rj != null) {
            sm.fire(Event.Evt8); // AE-8
            transport.write(Pdu.encodeReject(rj[0], rj[1], rj[2]));
            LOG.log(System.Logger.Level.INFO, "association " + peer + " -> " + LogSafe.text(rq.calledAe) + " rejected: result " + rj[0] + " source " + rj[1] + " reason " + rj[2]);
            cfg.observer().rejected(rq.callingAe, rj[0], rj[1], rj[2]);
            transport.setReadTimeout(cfg.artim().toMillis());
            return;
        }
        AssociateParams ac = new AssociateParams();
        ac.calledAe = rq.calledAe;
        ac.callingAe = rq.callingAe;
        ac.maxPduLength = cfg.maxPduLengthReceive();
        ac.implementationClassUid = UID.IMPLEMENTATION_CLASS;
        ac.implementationVersionName = UID.IMPLEMENTATION_VERSION_NAME;
        int n = 0;
        int contextsAccepted = 0;
        for (PresentationContext p : rq.contexts) {
            PresentationContext r = new PresentationContext();
            r.id = p.id;
            r.abstractSyntax = p.abstractSyntax;
            List<String> pref = cfg.supported().get(p.abstractSyntax);
            if (++n > cfg.maxPresentationContexts()) {
                r.result = PresentationContext.NO_REASON;
            } else if (pref == null) {
                r.result = PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED;
            } else {
                String chosen = null;
                for (String ts : pref) {
                    if (p.transferSyntaxes.contains(ts)) {
                        chosen = ts;
                        break;
                    }
                }
                if (chosen == null) {
                    r.result = PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED;
                } else {
                    r.result = PresentationContext.ACCEPTANCE;
                    r.transferSyntaxes.add(chosen);
                    accepted[r.id] = r;
                    contextsAccepted++;
                }
            }
            ac.contexts.add(r);
        }
        for (RoleSelection role : rq.roles) {
            if (cfg.supported().containsKey(role.sopClassUid())) {
                // PS3.7 D.3.3.4: we only act as SCP, so the requestor may be SCU (if proposed) but never SCP.
                ac.roles.add(new RoleSelection(role.sopClassUid(), role.scuRole() == 1 ? 1 : 0, 0));
            }
        }
        if (rq.asyncInvoked >= 0) {
            ac.asyncInvoked = 1;
            ac.asyncPerformed = 1;
        }
        // 56h (SOP class extended negotiation) omitted = not supported; 58h user identity: no 59h answer.
        long peerMax = rq.maxPduLength;
        int sendMax = (peerMax <= 0 || peerMax > SEND_CAP) ? SEND_CAP : (int) Math.max(peerMax, 64);
        pout = new PDataOutputStream(transport, new byte[sendMax + 6], sendMax, () -> sm.fire(Event.Evt9));
        info = new AssociationInfo(rq.callingAe, rq.calledAe, remote, rq.implementationClassUid, rq.implementationVersionName);
        int acceptedCount = contextsAccepted;
        sm.fire(Event.Evt7); // AE-7
        transport.write(Pdu.encodeAssociate(ac, true));
        transport.setReadTimeout(cfg.idleTimeout().toMillis());
        cfg.observer().accepted(info);
        LOG.log(System.Logger.Level.DEBUG, () -> "association " + peer + " accepted: " + acceptedCount + "/" + rq.contexts.size()
                + " contexts, peer max PDU " + peerMax + ", implementation " + LogSafe.text(rq.implementationClassUid) + " "
                + LogSafe.text(rq.implementationVersionName));
    }

    /** @return {result, source, reason} of an A-ASSOCIATE-RJ, or null to accept */
    private int[] rejection(AssociateParams rq) {
        if (overloaded) {
            return new int[] {2, 3, 2};
        }
        if ((rq.protocolVersion & 1) == 0) {
            return new int[] {1, 2, 2};
        }
        if (!Pdu.APPLICATION_CONTEXT.equals(rq.applicationContext)) {
            return new int[] {1, 1, 2};
        }
        if (!cfg.calledAeTitle().equals(rq.calledAe)) {
            return new int[] {1, 1, 7};
        }
        if (!isAeTitle(rq.callingAe)
                || (!cfg.allowedCallingAeTitles().isEmpty() && !cfg.allowedCallingAeTitles().contains(rq.callingAe))) {
            return new int[] {1, 1, 3};
        }
        // the remote address allow-list is checked by DicomServer at accept, before a slot is taken
        return null;
    }

    /** PS3.5 AE: default character repertoire without control characters and backslash. */
    private static boolean isAeTitle(String ae) {
        return !ae.isEmpty() && ae.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\\');
    }

    // ------------------------------------------------------------------ data transfer (Sta6)

    private void receivePData(long len) throws IOException {
        long remaining = len;
        while (remaining > 0) {
            if (remaining < 6) {
                throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDV item header crosses PDU end");
            }
            transport.readFully(pdvHeader, 0, 6);
            remaining -= 6;
            long itemLen = Pdu.u32(pdvHeader, 0);
            if (itemLen < 2 || itemLen - 2 > remaining) {
                throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDV item length " + itemLen + " inconsistent with PDU");
            }
            int pcid = pdvHeader[4] & 0xff;
            int mch = pdvHeader[5] & 0xff;
            PresentationContext pc = accepted[pcid];
            if (pc == null) {
                throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "PDV for presentation context " + pcid + " which was not accepted");
            }
            long dataLen = itemLen - 2;
            remaining -= dataLen;
            boolean last = (mch & 2) != 0;
            if ((mch & 1) != 0) {
                receiveCommandFragment(pc, (int) Math.min(dataLen, Integer.MAX_VALUE), dataLen, last);
            } else {
                receiveDataFragment(pc, dataLen, last);
            }
        }
    }

    private void receiveCommandFragment(PresentationContext pc, int n, long dataLen, boolean last) throws IOException {
        if (dataExpected) {
            throw new PduFormatException(Pdu.ABORT_UNEXPECTED_PARAMETER, "command fragment while a data set was expected");
        }
        if (cmdLen > 0 && cmdPcid != pc.id) {
            throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "command fragments on different presentation contexts");
        }
        if (cmdLen + dataLen > MAX_COMMAND) {
            throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "command set longer than " + MAX_COMMAND);
        }
        if (cmdLen == 0 && !transport.hasMessageDeadline()) {
            transport.setMessageDeadline(cfg.objectTimeout().toNanos());
        }
        if (cmdLen + n > cmdBuf.length) {
            cmdBuf = java.util.Arrays.copyOf(cmdBuf, Math.min(MAX_COMMAND, Math.max(cmdBuf.length * 2, cmdLen + n)));
        }
        transport.readFully(cmdBuf, cmdLen, n);
        cmdLen += n;
        cmdPcid = pc.id;
        if (last) {
            CommandSet cs = CommandSet.decode(cmdBuf, cmdLen);
            cmdLen = 0;
            onCommand(pc, cs);
        }
    }

    private void onCommand(PresentationContext pc, CommandSet cs) throws IOException {
        int field = cs.getUS(CommandSet.COMMAND_FIELD);
        int msgId = cs.getUS(CommandSet.MESSAGE_ID);
        int dst = cs.getUS(CommandSet.DATA_SET_TYPE);
        if (field < 0 || msgId < 0 || dst < 0) {
            throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "command set lacks Command Field, Message ID or Data Set Type");
        }
        boolean hasData = dst != CommandSet.NO_DATA_SET;
        String sopClass = cs.getString(CommandSet.AFFECTED_SOP_CLASS_UID);
        String sopInstance = cs.getString(CommandSet.AFFECTED_SOP_INSTANCE_UID);
        pendingField = field;
        pendingMsgId = msgId;
        pendingSopClass = sopClass;
        pendingSopInstance = sopInstance;
        refusalStatus = -1;
        sink = null;
        if (field == CommandSet.C_ECHO_RQ && !hasData) {
            respond(pc.id, DimseStatus.SUCCESS);
            return;
        }
        if (field == CommandSet.C_STORE_RQ && hasData) {
            storeStarted = System.nanoTime();
            storeBytes = 0;
            if (sopClass == null || sopInstance == null) {
                refusalStatus = 0xC000;
            } else if (!sopClass.equals(pc.abstractSyntax)) {
                refusalStatus = DimseStatus.SOP_CLASS_NOT_SUPPORTED;
            } else {
                String move = cs.getString(CommandSet.MOVE_ORIGINATOR_AE);
                StoreRequest req = new StoreRequest(info, pc.id, pc.transferSyntax(), sopClass, sopInstance, msgId,
                        move == null ? null : move.strip());
                try {
                    sink = handler.begin(req);
                    if (sink == null) {
                        refusalStatus = DimseStatus.OUT_OF_RESOURCES;
                    }
                } catch (DimseStatusException e) {
                    refusalStatus = e.status();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "association " + peer + ": C-STORE handler failed for " + LogSafe.text(sopInstance) + ": " + e);
                    refusalStatus = DimseStatus.PROCESSING_FAILURE;
                }
            }
        } else if (field == C_CANCEL_RQ && !hasData) {
            transport.setMessageDeadline(0);
            return; // C-CANCEL has no response; nothing of ours is cancellable (operations are synchronous)
        } else if (field == CommandSet.C_STORE_RQ || field == CommandSet.C_ECHO_RQ) {
            throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "command data set type does not fit the command");
        } else {
            refusalStatus = DimseStatus.UNRECOGNIZED_OPERATION;
            if (!hasData) {
                respond(pc.id, refusalStatus);
                return;
            }
        }
        dataExpected = true;
        dataPcid = pc.id;
    }

    private void receiveDataFragment(PresentationContext pc, long dataLen, boolean last) throws IOException {
        if (!dataExpected || pc.id != dataPcid) {
            throw new PduFormatException(Pdu.ABORT_UNEXPECTED_PARAMETER, "data set fragment without a preceding command on context " + pc.id);
        }
        if (storeBytes + dataLen > cfg.maxObjectSize()) {
            throw new LimitExceededException("data set of " + LogSafe.text(pendingSopInstance) + " exceeds the maximum object size of "
                    + cfg.maxObjectSize() + " bytes");
        }
        long left = dataLen;
        while (left > 0) {
            int n = transport.readSome(readBuf, 0, (int) Math.min(left, readBuf.length));
            left -= n;
            storeBytes += n;
            if (sink != null) {
                try {
                    sink.write(readBuf, 0, n);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "association " + peer + ": sink failed for " + LogSafe.text(pendingSopInstance) + ": " + e
                            + " -> refused with " + String.format("%04X", DimseStatus.OUT_OF_RESOURCES) + " once the data set has arrived");
                    DataSetSink failed = sink;
                    sink = null; // the rest of the data set is read and discarded; dataExpected stays
                    abortQuietly(failed);
                    refusalStatus = DimseStatus.OUT_OF_RESOURCES;
                }
            }
        }
        if (last) {
            int status;
            if (sink != null) {
                DataSetSink s = sink;
                sink = null;
                try {
                    status = s.complete();
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "association " + peer + ": completing " + LogSafe.text(pendingSopInstance) + " failed: " + e);
                    status = DimseStatus.OUT_OF_RESOURCES;
                    abortQuietly(s);
                }
            } else {
                status = refusalStatus < 0 ? DimseStatus.OUT_OF_RESOURCES : refusalStatus;
            }
            dataExpected = false;
            respond(pc.id, status);
            if (pendingField == CommandSet.C_STORE_RQ) {
                cfg.observer().stored(pendingSopClass, storeBytes, Duration.ofNanos(System.nanoTime() - storeStarted), status);
            }
        }
    }

    private void respond(int pcid, int status) throws IOException {
        transport.setMessageDeadline(0);
        CommandSet rsp = new CommandSet();
        if (pendingSopClass != null) {
            rsp.putUID(CommandSet.AFFECTED_SOP_CLASS_UID, pendingSopClass);
        } else if (pendingField == CommandSet.C_ECHO_RQ) {
            rsp.putUID(CommandSet.AFFECTED_SOP_CLASS_UID, VERIFICATION);
        }
        rsp.putUS(CommandSet.COMMAND_FIELD, pendingField | 0x8000);
        rsp.putUS(CommandSet.MESSAGE_ID_RESPONDED, pendingMsgId);
        rsp.putUS(CommandSet.DATA_SET_TYPE, CommandSet.NO_DATA_SET);
        rsp.putUS(CommandSet.STATUS, status);
        if (pendingSopInstance != null && pendingField != CommandSet.C_ECHO_RQ) {
            rsp.putUID(CommandSet.AFFECTED_SOP_INSTANCE_UID, pendingSopInstance);
        }
        byte[] enc = rsp.encode();
        pout.begin(pcid, true);
        pout.write(enc, 0, enc.length);
        pout.finish();
    }

    // ------------------------------------------------------------------ errors and ends

    private void protocolError(int reason, String message) {
        Action a = sm.fire(Event.Evt19);
        protocolErrorAfterFire(a, reason, message);
    }

    private void protocolErrorAfterFire(Action a, int reason, String message) {
        LOG.log(System.Logger.Level.WARNING, "association " + peer + ": " + message + " -> A-ABORT (source 2, reason " + reason + ")" + (dataExpected ? "; object discarded" : ""));
        abortSink();
        cfg.observer().aborted();
        if (a == Action.AA_1 || a == Action.AA_7 || a == Action.AA_8) {
            transport.sendAbortQuietly(2, reason);
        }
    }

    private void timeout(SocketTimeoutException e) {
        State s = sm.state();
        Transport.DeadlineException.Kind kind = e instanceof Transport.DeadlineException d ? d.kind() : null;
        if (s == State.Sta2) {
            sm.fire(Event.Evt18); // AA-2
            LOG.log(System.Logger.Level.INFO, "association " + peer + ": " + (kind == Transport.DeadlineException.Kind.PDU
                    ? "A-ASSOCIATE-RQ not complete within the PDU timeout " + cfg.pduTimeout().toMillis() + " ms"
                    : "ARTIM expired before A-ASSOCIATE-RQ") + "; closing");
            transport.close();
        } else if (kind == Transport.DeadlineException.Kind.PDU) {
            localAbort("PDU not complete within the PDU timeout of " + cfg.pduTimeout().toMillis() + " ms in " + s);
        } else if (kind == Transport.DeadlineException.Kind.MESSAGE) {
            localAbort((pendingSopInstance != null && dataExpected ? "C-STORE of " + LogSafe.text(pendingSopInstance) : "DIMSE message")
                    + " not complete within the object timeout of " + cfg.objectTimeout().toMillis() + " ms");
        } else {
            localAbort("idle timeout in " + s);
        }
    }

    /** AA-1 on the service user's own decision (Evt15): A-ABORT source 0, the partial object discarded. */
    private void localAbort(String why) {
        boolean discarding = dataExpected;
        sm.fire(Event.Evt15);
        LOG.log(System.Logger.Level.WARNING, "association " + peer + ": " + why + " -> A-ABORT" + (discarding ? "; object discarded" : ""));
        abortSink();
        cfg.observer().aborted();
        transport.sendAbortQuietly(0, 0);
    }

    /** The peer passed a size bound of ours. */
    private static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(String message) {
            super(message);
        }
    }

    private void transportClosed(String why) {
        State before = sm.state();
        sm.fire(Event.Evt17); // AA-5 (Sta2), AA-4 (Sta3..12), AR-5 (Sta13)
        boolean local = transport.isClosed();
        if (dataExpected || (why != null && before != State.Sta2 && !local)) {
            LOG.log(local && !dataExpected ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, "association " + peer + ": " + (why == null ? "connection closed" : why) + " in " + before + (dataExpected ? "; object discarded" : ""));
        }
        abortSink();
        transport.close();
    }

    private void abortSink() {
        DataSetSink s = sink;
        sink = null;
        dataExpected = false;
        if (s != null) {
            abortQuietly(s);
        }
    }

    private void abortQuietly(DataSetSink s) {
        try {
            s.abort();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "association " + peer + ": sink abort failed: " + e);
        }
    }
}
