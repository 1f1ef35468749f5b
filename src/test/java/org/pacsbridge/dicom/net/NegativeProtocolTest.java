package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacsbridge.dicom.net.NetTestSupport.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pacsbridge.dicom.net.internal.Pdu;

/**
 * Malformed and hostile input against the SCP. Each case must end the association with the right
 * A-ASSOCIATE-RJ / A-ABORT (or a plain close after ARTIM), never complete a partial object, and leave
 * the listener accepting.
 *
 * <p>PDU length above {@code maxPduLengthAccepted}: A-ABORT source 2 (service-provider), reason 6
 * "invalid PDU parameter value" - the PDU type is recognized, its length parameter is out of the
 * negotiated range (reason 4, "unrecognized PDU parameter", is for parameters we do not know at all).
 */
class NegativeProtocolTest {
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

    private static void assertAbort(RawPdu p, int source, int reason) {
        assertNotNull(p, "expected A-ABORT, got EOF");
        assertEquals(Pdu.A_ABORT, p.type(), "PDU type");
        assertEquals(source, p.body()[2] & 0xff, "abort source");
        assertEquals(reason, p.body()[3] & 0xff, "abort reason");
    }

    private void assertListenerStillWorks() throws IOException {
        try (Association a = Association.open(clientConfig(server).build(), List.of(new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE))))) {
            assertEquals(0, a.echo());
        }
    }

    @Test
    void wrongCalledAeIsRejectedPermanentlyReason7() throws Exception {
        start(serverConfig().build());
        AssociationRejectedException e = assertThrows(AssociationRejectedException.class, () -> Association.open(
                clientConfig(server).calledAeTitle("NOT-ME").build(), List.of(new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE)))));
        assertEquals(1, e.result());
        assertTrue(e.isPermanent());
        assertEquals(1, e.source());
        assertEquals(7, e.reason());
        assertListenerStillWorks();
    }

    @Test
    void callingAeNotOnAllowListIsRejectedReason3() throws Exception {
        start(serverConfig().allowedCallingAeTitles(Set.of("GOODSCU", "TESTSCU")).build());
        AssociationRejectedException e = assertThrows(AssociationRejectedException.class, () -> Association.open(
                clientConfig(server).callingAeTitle("INTRUDER").build(), List.of(new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE)))));
        assertEquals(1, e.result());
        assertEquals(1, e.source());
        assertEquals(3, e.reason());
        assertListenerStillWorks();
    }

    @Test
    void remoteAddressNotAllowedIsClosedBeforeAnyPdu() throws Exception {
        start(serverConfig().allowedRemoteAddresses(Set.of("10.99.99.99")).build());
        try (RawPeer peer = new RawPeer(server.localPort())) {
            peer.send(associateRq("TESTSCU", "BRIDGE", pc(1, VERIFICATION, IMPLICIT_LE)));
            assertTrue(peer.closedByPeer(), "closed without an A-ASSOCIATE-RJ");
        }
        assertEquals(0, server.activeAssociations());
    }

    @Test
    void tooManyAssociationsRejectedTransientLocalLimit() throws Exception {
        start(serverConfig().maxAssociations(1).build());
        Association first = Association.open(clientConfig(server).build(), List.of(new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE))));
        try {
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class, () -> Association.open(
                    clientConfig(server).build(), List.of(new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE)))));
            assertEquals(2, e.result());
            assertFalse(e.isPermanent());
            assertEquals(3, e.source());
            assertEquals(2, e.reason());
            assertEquals(0, first.echo(), "the first association is unaffected");
        } finally {
            first.release();
        }
        assertTrue(waitFor(() -> server.activeAssociations() == 0, 5000));
        assertListenerStillWorks();
    }

    @Test
    void oversizedPduIsAbortedReason6() throws Exception {
        start(serverConfig().maxPduLengthReceive(16384).maxPduLengthAccepted(65536).build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            byte[] hdr = {Pdu.P_DATA_TF, 0, 0, 0, 0, 0};
            Pdu.putU32(hdr, 2, 65537);
            p.send(hdr);
            assertAbort(p.read(), 2, 6);
            assertTrue(p.closedByPeer() || true);
        }
        // oversized A-ASSOCIATE-RQ in Sta2 (limit for association PDUs is min(accepted, 1 MiB))
        try (RawPeer p = new RawPeer(server.localPort())) {
            byte[] hdr = {Pdu.A_ASSOCIATE_RQ, 0, 0x7f, 0, 0, 0};
            p.send(hdr);
            assertAbort(p.read(), 2, 6);
        }
        assertListenerStillWorks();
    }

    @Test
    void truncatedPduMidObjectAbortsSink() throws Exception {
        start(serverConfig().build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            p.send(pdata(1, 3, storeRq(1, CT, "1.2.3.1")));
            byte[] full = pdata(1, 2, new byte[1000]);
            p.send(java.util.Arrays.copyOf(full, 500)); // PDU announces 1006 bytes, only part arrives
        }
        assertTrue(handler.endLatch.await(5, TimeUnit.SECONDS));
        assertEquals(1, handler.aborted.get());
        assertEquals(0, handler.completed.get());
        assertTrue(handler.stored.get(0).aborted);
        assertListenerStillWorks();
    }

    @Test
    void connectionDroppedBetweenFragmentsAbortsSink() throws Exception {
        start(serverConfig().build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            p.send(pdata(1, 3, storeRq(1, CT, "1.2.3.2")));
            p.send(pdata(1, 0, new byte[2000])); // data, not last
            assertTrue(waitFor(() -> !handler.stored.isEmpty() && handler.stored.get(0).total == 2000, 5000));
        }
        assertTrue(handler.endLatch.await(5, TimeUnit.SECONDS));
        assertEquals(1, handler.aborted.get());
        assertEquals(0, handler.completed.get());
    }

    @Test
    void peerAbortMidObjectAbortsSink() throws Exception {
        start(serverConfig().build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            p.send(pdata(1, 3, storeRq(1, CT, "1.2.3.3")));
            p.send(pdata(1, 0, new byte[100]));
            p.send(Pdu.encodeAbort(0, 0));
            assertTrue(p.closedByPeer());
        }
        assertTrue(handler.endLatch.await(5, TimeUnit.SECONDS));
        assertEquals(1, handler.aborted.get());
        assertEquals(0, handler.completed.get());
    }

    @Test
    void garbageBytesGetAbortAndListenerKeepsAccepting() throws Exception {
        start(serverConfig().build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertAbort(p.read(), 2, 1); // 'G' = 0x47 is no PDU type: unrecognized PDU
        }
        try (RawPeer p = new RawPeer(server.localPort())) {
            byte[] junk = new byte[4096];
            new java.util.Random(42).nextBytes(junk);
            junk[0] = (byte) 0xEE;
            p.send(junk);
            RawPdu r = p.read();
            assertEquals(Pdu.A_ABORT, r.type());
        }
        assertListenerStillWorks();
        assertTrue(waitFor(() -> server.activeAssociations() == 0, 5000));
    }

    @Test
    void unknownPduTypeAfterAssociationIsAbortedReason1() throws Exception {
        start(serverConfig().build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            p.send(new byte[] {0x0A, 0, 0, 0, 0, 4, 1, 2, 3, 4});
            assertAbort(p.read(), 2, 1);
            assertTrue(p.closedByPeer());
        }
        assertListenerStillWorks();
    }

    @Test
    void unexpectedPduIsAbortedReason2() throws Exception {
        start(serverConfig().build());
        // P-DATA before any association (Sta2)
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.send(pdata(1, 3, new byte[8]));
            assertAbort(p.read(), 2, 2);
        }
        // second A-ASSOCIATE-RQ on an established association (Sta6)
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            p.send(associateRq("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE)));
            assertAbort(p.read(), 2, 2);
        }
    }

    @Test
    void pdataForContextNotAcceptedIsAborted() throws Exception {
        start(serverConfig().build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            var ac = p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE), pc(3, MR, IMPLICIT_LE));
            assertEquals(3, ac.contexts.get(1).result);
            p.send(pdata(3, 3, storeRq(1, MR, "1.2.3.4")));   // rejected context
            assertAbort(p.read(), 2, 6);
        }
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            p.send(pdata(5, 3, storeRq(1, CT, "1.2.3.4")));   // never proposed
            assertAbort(p.read(), 2, 6);
        }
        assertTrue(handler.stored.isEmpty(), "no sink for unaccepted contexts");
        assertListenerStillWorks();
    }

    @Test
    void malformedPdvAndDataWithoutCommandAreAborted() throws Exception {
        start(serverConfig().build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            byte[] bad = pdata(1, 3, new byte[20]);
            Pdu.putU32(bad, 6, 500); // PDV item longer than its PDU
            p.send(bad);
            assertAbort(p.read(), 2, 6);
        }
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            p.send(pdata(1, 2, new byte[20])); // data set fragment without command
            assertAbort(p.read(), 2, 5);
        }
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            p.send(pdata(1, 3, new byte[] {0, 0, 0, 0, 4, 0, 0, 0, 1})); // broken command set
            assertAbort(p.read(), 2, 6);
        }
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.send(associateRq("RAW", "BRIDGE", pc(2, CT, IMPLICIT_LE))); // even context ID
            assertAbort(p.read(), 2, 6);
        }
        assertListenerStillWorks();
    }

    @Test
    void artimExpiryClosesSilentConnection() throws Exception {
        start(serverConfig().artim(Duration.ofMillis(500)).build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            long t0 = System.nanoTime();
            assertTrue(waitFor(() -> server.activeAssociations() == 1, 2000));
            assertNull(p.read(), "closed without any PDU");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 400 && ms < 5000, "closed after " + ms + " ms");
        }
        assertTrue(waitFor(() -> server.activeAssociations() == 0, 3000));
        assertListenerStillWorks();
    }

    @Test
    void idleTimeoutAbortsEstablishedAssociation() throws Exception {
        start(serverConfig().idleTimeout(Duration.ofMillis(500)).build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            assertAbort(p.read(), 0, 0);
        }
    }

    @Test
    void releaseMidObjectDiscardsIt() throws Exception {
        start(serverConfig().build());
        try (RawPeer p = new RawPeer(server.localPort())) {
            p.associate("RAW", "BRIDGE", pc(1, CT, IMPLICIT_LE));
            p.send(pdata(1, 3, storeRq(1, CT, "1.2.3.5")));
            p.send(pdata(1, 0, new byte[10]));
            p.send(Pdu.encodeReleaseRq());
            RawPdu rp = p.read();
            assertEquals(Pdu.A_RELEASE_RP, rp.type());
            assertArrayEquals(new byte[4], rp.body());
        }
        assertTrue(handler.endLatch.await(5, TimeUnit.SECONDS));
        assertEquals(1, handler.aborted.get());
        assertEquals(0, handler.completed.get());
    }

    @Test
    void clientSeesAbortFromBrokenServer() throws Exception {
        // a fake SCP that answers A-ASSOCIATE-RQ with garbage
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = ss.accept()) {
                    s.getInputStream().read(new byte[1024]);
                    s.getOutputStream().write(new byte[] {0x55, 0, 0, 0, 0, 2, 0, 0});
                    s.getInputStream().read(new byte[64]);
                } catch (IOException ignored) {
                    // end
                }
            });
            t.start();
            DicomClientConfig cfg = DicomClientConfig.builder().host("127.0.0.1").port(ss.getLocalPort()).artim(Duration.ofSeconds(2)).build();
            AssociationAbortedException e = assertThrows(AssociationAbortedException.class,
                    () -> Association.open(cfg, List.of(new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE)))));
            assertEquals(2, e.source());
            assertEquals(1, e.reason());
            t.join(5000);
        }
    }

    @Test
    void clientTimesOutOnSilentServer() throws Exception {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            DicomClientConfig cfg = DicomClientConfig.builder().host("127.0.0.1").port(ss.getLocalPort()).artim(Duration.ofMillis(300)).build();
            assertThrows(DicomTimeoutException.class,
                    () -> Association.open(cfg, List.of(new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE)))));
        }
    }
}
