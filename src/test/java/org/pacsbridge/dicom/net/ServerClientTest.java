package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacsbridge.dicom.net.NetTestSupport.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.internal.AssociateParams;
import org.pacsbridge.dicom.net.internal.Pdu;
import org.pacsbridge.dicom.net.internal.PresentationContext;
import org.pacsbridge.dicom.net.internal.RoleSelection;

/** Our SCU against our SCP over loopback: negotiation, echo, streaming store, statuses. */
class ServerClientTest {
    private DicomServer server;
    private final RecordingHandler handler = new RecordingHandler();

    private DicomServer start(DicomServerConfig cfg) throws IOException {
        server = new DicomServer(cfg, handler);
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void echoAndRelease() throws Exception {
        start(serverConfig().build());
        try (Association a = Association.open(clientConfig(server).build(), List.of(new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE))))) {
            assertEquals(0, a.echo());
            assertEquals(0, a.echo());
            assertEquals(UID.IMPLEMENTATION_CLASS, a.peerImplementationClassUid());
            assertEquals(UID.IMPLEMENTATION_VERSION_NAME, a.peerImplementationVersionName());
            assertEquals(262144, a.peerMaxPduLength());
            a.release();
            assertFalse(a.isEstablished());
        }
        assertTrue(waitFor(() -> server.activeAssociations() == 0, 3000));
    }

    @Test
    void negotiationPerContext() throws Exception {
        start(serverConfig().build());
        try (Association a = Association.open(clientConfig(server).build(), List.of(
                new PresentationContextRequest(SC, List.of(IMPLICIT_LE, EXPLICIT_BE, EXPLICIT_LE)), // SCP prefers explicit LE
                new PresentationContextRequest(MR, List.of(IMPLICIT_LE)),                            // abstract not supported
                new PresentationContextRequest(CT, List.of(EXPLICIT_BE)),                            // TS not supported
                new PresentationContextRequest(CT, List.of(IMPLICIT_LE, EXPLICIT_LE))))) {
            List<PresentationContextRequest> acc = a.acceptedContexts();
            assertEquals(List.of(new PresentationContextRequest(SC, List.of(EXPLICIT_LE)),
                    new PresentationContextRequest(CT, List.of(IMPLICIT_LE))), acc);
            assertThrows(NoPresentationContextException.class, () -> a.echo());
            assertThrows(NoPresentationContextException.class,
                    () -> a.store(MR, "1.2.3", IMPLICIT_LE, new ByteArrayInputStream(new byte[2])));
            assertThrows(NoPresentationContextException.class,
                    () -> a.store(SC, "1.2.3", IMPLICIT_LE, new ByteArrayInputStream(new byte[2])));
        }
        // result codes on the wire
        try (RawPeer p = new RawPeer(server.localPort())) {
            AssociateParams ac = p.associate("RAW", "BRIDGE",
                    pc(1, SC, IMPLICIT_LE), pc(3, MR, IMPLICIT_LE), pc(5, CT, EXPLICIT_BE), pc(7, VERIFICATION, IMPLICIT_LE));
            assertEquals(4, ac.contexts.size());
            assertEquals(PresentationContext.ACCEPTANCE, ac.contexts.get(0).result);
            assertEquals(IMPLICIT_LE, ac.contexts.get(0).transferSyntax());
            assertEquals(PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED, ac.contexts.get(1).result);
            assertEquals(PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED, ac.contexts.get(2).result);
            assertEquals(PresentationContext.ACCEPTANCE, ac.contexts.get(3).result);
            assertEquals(UID.IMPLEMENTATION_CLASS, ac.implementationClassUid);
            assertEquals(UID.IMPLEMENTATION_VERSION_NAME, ac.implementationVersionName);
            assertEquals(262144, ac.maxPduLength);
            assertEquals("RAW", ac.callingAe);
        }
    }

    @Test
    void contextLimitRejectsTheRest() throws Exception {
        start(serverConfig().maxPresentationContexts(2).build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            AssociateParams ac = p.associate("RAW", "BRIDGE", pc(1, SC, IMPLICIT_LE), pc(3, CT, IMPLICIT_LE), pc(5, VERIFICATION, IMPLICIT_LE));
            assertEquals(0, ac.contexts.get(0).result);
            assertEquals(0, ac.contexts.get(1).result);
            assertEquals(PresentationContext.NO_REASON, ac.contexts.get(2).result);
        }
    }

    @Test
    void extendedNegotiationAnswers() throws Exception {
        start(serverConfig().build());
        AssociateParams rq = new AssociateParams();
        rq.callingAe = "RAW";
        rq.calledAe = "BRIDGE";
        rq.maxPduLength = 0;
        rq.implementationClassUid = "1.2.3";
        rq.asyncInvoked = 5;
        rq.asyncPerformed = 5;
        rq.roles.add(new RoleSelection(SC, 1, 1));
        rq.roles.add(new RoleSelection(MR, 1, 1));
        rq.contexts.add(pc(1, SC, IMPLICIT_LE));
        byte[] pdu = Pdu.encodeAssociate(rq, false);
        // append a user identity sub-item (58h: username, positive response requested) to the user info item
        byte[] ui = {0x58, 0, 0, 10, 1, 1, 0, 4, 'u', 's', 'e', 'r', 0, 0};
        byte[] withUi = java.util.Arrays.copyOf(pdu, pdu.length + ui.length);
        System.arraycopy(ui, 0, withUi, pdu.length, ui.length);
        Pdu.putU32(withUi, 2, withUi.length - 6);
        int userInfoPos = findUserInfo(withUi);
        int uiLen = Pdu.u16(withUi, userInfoPos + 2) + ui.length;
        withUi[userInfoPos + 2] = (byte) (uiLen >>> 8);
        withUi[userInfoPos + 3] = (byte) uiLen;
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.send(withUi);
            RawPdu r = p.read();
            assertEquals(Pdu.A_ASSOCIATE_AC, r.type());
            AssociateParams ac = Pdu.decodeAssociate(r.body(), r.body().length, true);
            assertEquals(1, ac.asyncInvoked);
            assertEquals(1, ac.asyncPerformed);
            assertEquals(List.of(new RoleSelection(SC, 1, 0)), ac.roles); // SCU role only; MR unsupported -> omitted
            assertFalse(containsSubItem(r.body(), 0x59), "no user identity server response");
            assertEquals(0, ac.contexts.get(0).result);
        }
    }

    private static int findUserInfo(byte[] pdu) {
        int pos = 6 + 68;
        while (pos < pdu.length) {
            if ((pdu[pos] & 0xff) == 0x50) {
                return pos;
            }
            pos += 4 + Pdu.u16(pdu, pos + 2);
        }
        throw new AssertionError("no user info");
    }

    private static boolean containsSubItem(byte[] body, int type) {
        int pos = 68;
        while (pos < body.length) {
            int t = body[pos] & 0xff;
            int len = Pdu.u16(body, pos + 2);
            if (t == 0x50) {
                int s = pos + 4;
                while (s < pos + 4 + len) {
                    if ((body[s] & 0xff) == type) {
                        return true;
                    }
                    s += 4 + Pdu.u16(body, s + 2);
                }
            }
            pos += 4 + len;
        }
        return false;
    }

    @Test
    void storeStreamsAndFragmentsToPeerMaximum(@TempDir Path dir) throws Exception {
        // SCP announces 4096: the SCU must fragment into PDUs of at most 4096 bytes (4090 data bytes per PDV)
        start(serverConfig().maxPduLengthReceive(4096).maxPduLengthAccepted(4096).build());
        byte[] ds = scDataSet("1.2.826.0.1.3680043.2.1125.9.1", true, false, 300, 200);
        Path f = writePart10(dir.resolve("a.dcm"), SC, "1.2.826.0.1.3680043.2.1125.9.1", EXPLICIT_LE, ds);
        try (Association a = Association.open(clientConfig(server).build(), List.of(new PresentationContextRequest(SC, List.of(EXPLICIT_LE))))) {
            assertEquals(0, a.store(f));
            assertEquals(0, a.store(f));
        }
        assertEquals(2, handler.stored.size());
        Stored s = handler.stored.get(0);
        assertTrue(s.completed);
        assertArrayEquals(ds, s.bytes.toByteArray());
        assertTrue(s.maxWrite <= 4090, "max write " + s.maxWrite);
        assertTrue(s.writes.get() >= ds.length / 4090);
        StoreRequest r = s.request;
        assertEquals(SC, r.affectedSopClassUid());
        assertEquals("1.2.826.0.1.3680043.2.1125.9.1", r.affectedSopInstanceUid());
        assertEquals(EXPLICIT_LE, r.transferSyntaxUid());
        assertEquals(1, r.presentationContextId());
        assertEquals("TESTSCU", r.association().callingAeTitle());
        assertEquals("BRIDGE", r.association().calledAeTitle());
        assertEquals(UID.IMPLEMENTATION_CLASS, r.association().remoteImplementationClassUid());
        assertEquals(2, handler.stored.get(1).request.messageId());
    }

    @Test
    void serverHandsFragmentsToSinkBeforeTheObjectIsComplete() throws Exception {
        start(serverConfig().build());
        long size = 64L << 20; // 64 MiB, generated on the fly
        InputStream gen = new InputStream() {
            long sent;

            @Override
            public int read() {
                return sent < size ? (int) (sent++ & 0x7f) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= size) {
                    return -1;
                }
                if (sent >= 8L << 20 && !handler.stored.isEmpty()) {
                    // the SCP must already have passed data on: wait until its sink saw something
                    try {
                        if (!handler.stored.get(0).progress.await(10, TimeUnit.SECONDS)) {
                            throw new IOException("sink saw nothing after 8 MiB: not streaming");
                        }
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                int n = (int) Math.min(len, size - sent);
                java.util.Arrays.fill(b, off, off + n, (byte) 1);
                sent += n;
                return n;
            }
        };
        handler.keepBytes = false;
        try (Association a = Association.open(clientConfig(server).build(), List.of(new PresentationContextRequest(CT, List.of(IMPLICIT_LE))))) {
            assertEquals(0, a.store(CT, "1.2.3.4", IMPLICIT_LE, gen));
        }
        Stored s = handler.stored.get(0);
        assertEquals(size, s.total);
        assertTrue(s.maxWrite <= 65536);
        assertTrue(s.completed);
    }

    @Test
    void refusalsAndFailuresBecomeStatuses() throws Exception {
        start(serverConfig().build());
        byte[] ds = scDataSet("1.2.3.9", false, false, 8, 8);
        try (Association a = Association.open(clientConfig(server).build(), List.of(new PresentationContextRequest(SC, List.of(IMPLICIT_LE))))) {
            handler.refuseWith = 0xA700;
            assertEquals(0xA700, a.store(SC, "1.2.3.9", IMPLICIT_LE, new ByteArrayInputStream(ds)));
            handler.refuseWith = -1;
            handler.failComplete = true;
            assertEquals(0xA700, a.store(SC, "1.2.3.9", IMPLICIT_LE, new ByteArrayInputStream(ds)));
            assertEquals(1, handler.aborted.get(), "sink aborted after complete() failed");
            handler.failComplete = false;
            handler.completeStatus = 0xB000;
            assertEquals(0xB000, a.store(SC, "1.2.3.9", IMPLICIT_LE, new ByteArrayInputStream(ds)));
        }
        assertEquals(1, handler.completed.get());
    }

    @Test
    void storeResponseForWrongSopClassOnContext() throws Exception {
        start(serverConfig().build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, SC, IMPLICIT_LE));
            p.send(pdata(1, 3, storeRq(5, CT, "1.2.3")));
            p.send(pdata(1, 2, new byte[] {8, 0, 0x16, 0, 0, 0, 0, 0}));
            var rsp = decodeCommandPdu(p.read());
            assertEquals(0x8001, rsp.getUS(0x0100));
            assertEquals(5, rsp.getUS(0x0120));
            assertEquals(0x0122, rsp.getUS(0x0900));
            assertEquals("1.2.3", rsp.getString(0x1000));
        }
        assertTrue(handler.stored.isEmpty());
    }

    @Test
    void serverCloseAbortsLiveAssociations() throws Exception {
        start(serverConfig().build());
        Association a = Association.open(clientConfig(server).build(), List.of(new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE))));
        assertEquals(0, a.echo());
        assertEquals(1, server.activeAssociations());
        server.close();
        IOException e = assertThrows(IOException.class, a::echo);
        assertNotNull(e.getMessage());
        a.close();
    }
}
