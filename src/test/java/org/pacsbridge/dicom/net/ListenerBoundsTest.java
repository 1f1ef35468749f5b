package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pacsbridge.dicom.net.NetTestSupport.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.net.internal.AssociateParams;
import org.pacsbridge.dicom.net.internal.Pdu;
import org.pacsbridge.testing.Dcmtk;

/**
 * Peers that try to hold the listener: trickled PDUs, endless and slow data sets, idle connections from
 * an address not allowed, and AE titles made to forge log lines. Each is cut off by its bound while a
 * well-behaved storescu is still served.
 */
class ListenerBoundsTest {

    /** CR LF, then a terminal colour escape: 14 bytes, fits an AE title field. */
    private static final String EVIL_AE = "EV\r\nFAKE\u001b[31mX";

    @TempDir
    Path tmp;

    private DicomServer server;
    private final RecordingHandler handler = new RecordingHandler();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private DicomServer start(DicomServerConfig cfg) throws IOException {
        server = new DicomServer(cfg, handler);
        server.start();
        return server;
    }

    @Test
    void aPduTrickledOneByteASecondIsCutOffByThePduTimeoutWhileStorescuIsServed() throws Exception {
        assumeTrue(Dcmtk.available(), "dcmtk not installed");
        start(serverConfig().pduTimeout(Duration.ofSeconds(2)).build());
        RawPeer slow = new RawPeer(server.localPort());
        sockets.add(slow.socket);
        slow.associate("SLOW", "BRIDGE", pc(1, SC, EXPLICIT_LE));
        byte[] pdu = pdata(1, 0x03, storeRq(1, SC, "1.2.3.4.5"));
        long started = System.nanoTime();
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
            try {
                for (byte b : pdu) {
                    slow.out.write(b);
                    slow.out.flush();
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException e) {
                // cut off: expected
            }
        });

        Dcmtk.Result store = Dcmtk.storescu("BRIDGE", server.localPort(), List.of("-v"), scFile("1.2.3.4.6"));
        assertEquals(List.of("Success"), Dcmtk.storeStatuses(store.output(), 1), store.output());

        RawPdu answer = slow.read();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertNotNull(answer, "A-ABORT expected, the connection just closed");
        assertEquals(Pdu.A_ABORT, answer.type());
        assertEquals(0, answer.body()[2] & 0xff, "abort source: service user (our decision)");
        assertTrue(seconds < 5, "cut off about 2 s after the PDU's first byte, not after " + seconds + " s");
        trickle.cancel(true);
        assertTrue(waitFor(() -> server.activeAssociations() == 0, 5000), "slot freed");
    }

    @Test
    void fortyIdleConnectionsFromAnAddressNotAllowedAreClosedAtOnceAndTakeNoSlot() throws Exception {
        assumeTrue(Dcmtk.available(), "dcmtk not installed");
        start(serverConfig().allowedRemoteAddresses(Set.of("127.0.0.1")).maxAssociations(4)
                .artim(Duration.ofSeconds(30)).build());
        try (CapturedLog log = new CapturedLog("org.pacsbridge.dicom.net")) {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket();
                sockets.add(s);
                s.bind(new InetSocketAddress("127.0.0.2", 0));
                s.connect(new InetSocketAddress("127.0.0.1", server.localPort()), 2000);
            }
            long started = System.nanoTime();
            for (Socket s : sockets) {
                s.setSoTimeout(2000);
                assertTrue(closedByServer(s), "connection from 127.0.0.2 closed at once");
            }
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3), "all closed within 3 s");
            assertEquals(0, server.activeAssociations(), "no slot taken");

            Dcmtk.Result store = Dcmtk.storescu("BRIDGE", server.localPort(), List.of("-v"), scFile("1.2.3.4.7"));
            assertEquals(List.of("Success"), Dcmtk.storeStatuses(store.output(), 1), store.output());

            long refusalLines = log.lines().stream().filter(l -> l.contains("127.0.0.2")).count();
            assertEquals(1, refusalLines, "one log line for the 40 refusals: " + log.lines());
        }
    }

    @Test
    void anEndlessDataSetIsAbortedAtTheMaximumObjectSizeWithoutGrowingTheHeap() throws Exception {
        long max = 16L << 20;
        handler.keepBytes = false;
        start(serverConfig().maxObjectSize(max).build());
        RawPeer peer = new RawPeer(server.localPort());
        sockets.add(peer.socket);
        peer.associate("ENDLESS", "BRIDGE", pc(1, SC, EXPLICIT_LE));
        peer.send(pdata(1, 0x03, storeRq(1, SC, "1.2.3.4.8")));
        long heapBefore = usedHeap();
        AtomicLong sent = new AtomicLong();
        CompletableFuture<Void> flood = endlessData(peer, new byte[16 * 1024], 0, sent);

        RawPdu answer = peer.read();
        assertNotNull(answer, "A-ABORT expected, the connection just closed");
        assertEquals(Pdu.A_ABORT, answer.type());
        assertEquals(0, answer.body()[2] & 0xff, "abort source: service user (our decision)");
        peer.close();
        flood.join();
        assertTrue(waitFor(() -> handler.aborted.get() == 1, 5000), "the partial object discarded");
        Stored stored = handler.stored.get(0);
        assertTrue(stored.total <= max, "no more than the maximum reached the sink: " + stored.total);
        assertEquals(0, handler.completed.get());
        long grown = usedHeap() - heapBefore;
        assertTrue(grown < (8L << 20), "heap grew by " + grown + " bytes while " + sent.get() + " were sent");
        assertTrue(waitFor(() -> server.activeAssociations() == 0, 5000), "slot freed");
    }

    @Test
    void aSlowEndlessDataSetIsAbortedAtTheObjectTimeout() throws Exception {
        start(serverConfig().objectTimeout(Duration.ofSeconds(2)).build());
        RawPeer peer = new RawPeer(server.localPort());
        sockets.add(peer.socket);
        peer.associate("SLOWSET", "BRIDGE", pc(1, SC, EXPLICIT_LE));
        long started = System.nanoTime();
        peer.send(pdata(1, 0x03, storeRq(1, SC, "1.2.3.4.9")));
        // whole PDUs, each well within the PDU and idle timeouts, far below the maximum size
        CompletableFuture<Void> drip = endlessData(peer, new byte[1024], 100, new AtomicLong());

        RawPdu answer = peer.read();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertNotNull(answer, "A-ABORT expected, the connection just closed");
        assertEquals(Pdu.A_ABORT, answer.type());
        assertTrue(seconds >= 1.9 && seconds < 5, "aborted about 2 s after the command, not after " + seconds + " s");
        peer.close();
        drip.join();
        assertTrue(waitFor(() -> handler.aborted.get() == 1, 5000), "the partial object discarded");
    }

    @Test
    void aeTitlesWithLineBreaksAndTerminalEscapesDoNotReachTheLogAsSuch() throws Exception {
        start(serverConfig().build());
        try (CapturedLog log = new CapturedLog("org.pacsbridge.dicom.net")) {
            RawPdu answer = associateAs(EVIL_AE, EVIL_AE);
            assertNotNull(answer);
            assertEquals(Pdu.A_ASSOCIATE_RJ, answer.type(), "a called AE title not ours is rejected");
            assertTrue(waitFor(() -> log.lines().stream().anyMatch(l -> l.contains("FAKE")), 5000),
                    "the rejection is logged: " + log.lines());
            for (String line : log.lines()) {
                assertFalse(line.contains("\r") || line.contains("\n") || line.contains("\u001b"), "raw control characters in: " + line);
            }
        }
    }

    @Test
    void aCallingAeTitleOutsideTheAeRepertoireIsRejectedReason3() throws Exception {
        start(serverConfig().build());
        RawPdu answer = associateAs(EVIL_AE, "BRIDGE");
        assertNotNull(answer);
        assertEquals(Pdu.A_ASSOCIATE_RJ, answer.type());
        assertEquals(1, answer.body()[1] & 0xff, "result: rejected permanent");
        assertEquals(1, answer.body()[2] & 0xff, "source: service user");
        assertEquals(3, answer.body()[3] & 0xff, "reason: calling AE title not recognized");
    }

    /** Sends an A-ASSOCIATE-RQ (implementation version name with control characters too) and reads the answer. */
    private RawPdu associateAs(String calling, String called) throws IOException {
        RawPeer peer = new RawPeer(server.localPort());
        sockets.add(peer.socket);
        AssociateParams rq = new AssociateParams();
        rq.callingAe = calling;
        rq.calledAe = called;
        rq.maxPduLength = 16384;
        rq.implementationClassUid = "1.2.3.4";
        rq.implementationVersionName = "V\r\n\u001b[0m";
        rq.contexts.add(pc(1, SC, EXPLICIT_LE));
        peer.send(Pdu.encodeAssociate(rq, false));
        return peer.read();
    }

    private static CompletableFuture<Void> endlessData(RawPeer peer, byte[] chunk, long pauseMillis, AtomicLong sent) {
        byte[] pdu = pdata(1, 0x00, chunk); // data, never the last fragment
        return CompletableFuture.runAsync(() -> {
            try {
                while (true) {
                    peer.out.write(pdu);
                    sent.addAndGet(chunk.length);
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // cut off: expected
            }
        });
    }

    private static boolean closedByServer(Socket s) throws IOException {
        try {
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private Path scFile(String sopInstance) throws IOException {
        return writePart10(tmp.resolve(sopInstance + ".dcm"), SC, sopInstance, EXPLICIT_LE, scDataSet(sopInstance, true, false, 64, 64));
    }
}
