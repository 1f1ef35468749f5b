package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pacsbridge.dicom.net.NetTestSupport.*;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.FreePorts;

/**
 * Interoperability with DCMTK (echoscu, storescu, storescp) over loopback. Skipped when the tools are not
 * on the PATH (install with {@code apt-get install dcmtk}).
 */
class DcmtkInteropTest {
    private DicomServer server;
    private final RecordingHandler handler = new RecordingHandler();
    private Process storescp;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (storescp != null) {
            storescp.destroy();
            try {
                if (!storescp.waitFor(5, TimeUnit.SECONDS)) {
                    storescp.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startServer() throws IOException {
        server = new DicomServer(serverConfig().build(), handler);
        server.start();
    }

    /** Runs a tool, returns its exit code; output goes to a log file next to the data. */
    private static int run(Path log, String... cmd) throws Exception {
        Dcmtk.Result result = Dcmtk.run(60, cmd);
        Files.writeString(log, result.output(), StandardCharsets.ISO_8859_1);
        return result.exitCode();
    }

    private static String tail(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    @Test
    void echoscuAgainstOurServer(@TempDir Path dir) throws Exception {
        assumeTrue(Dcmtk.onPath("echoscu"), "dcmtk echoscu not installed");
        startServer();
        Path log = dir.resolve("echoscu.log");
        int rc = run(log, "echoscu", "-aet", "ECHOSCU", "-aec", "BRIDGE", "127.0.0.1", String.valueOf(server.localPort()));
        assertEquals(0, rc, tail(log));
        Path log2 = dir.resolve("echoscu2.log");
        assertTrue(run(log2, "echoscu", "-aec", "WRONG", "127.0.0.1", String.valueOf(server.localPort())) != 0, "wrong called AE must fail");
        assertTrue(tail(log2).contains("Called AE Title Not Recognized") || tail(log2).toLowerCase().contains("reject"), tail(log2));
    }

    @Test
    void storescuDefaultSeveralFilesInOneAssociation(@TempDir Path dir) throws Exception {
        assumeTrue(Dcmtk.onPath("storescu"), "dcmtk storescu not installed");
        startServer();
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "STORESCU", "-aec", "BRIDGE", "127.0.0.1", String.valueOf(server.localPort())));
        List<byte[]> sets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String uid = "1.2.826.0.1.3680043.2.1125.7." + (i + 1);
            byte[] ds = scDataSet(uid, true, false, 64 + i, 64);
            sets.add(ds);
            cmd.add(writePart10(dir.resolve("f" + i + ".dcm"), SC, uid, EXPLICIT_LE, ds).toString());
        }
        Path log = dir.resolve("storescu.log");
        assertEquals(0, run(log, cmd.toArray(new String[0])), tail(log));
        assertEquals(3, handler.stored.size());
        for (int i = 0; i < 3; i++) {
            Stored s = handler.stored.get(i);
            assertTrue(s.completed);
            assertEquals(EXPLICIT_LE, s.request.transferSyntaxUid());
            assertEquals("1.2.826.0.1.3680043.2.1125.7." + (i + 1), s.request.affectedSopInstanceUid());
            assertArrayEquals(sets.get(i), s.bytes.toByteArray());
            assertEquals("STORESCU", s.request.association().callingAeTitle());
            assertEquals(handler.stored.get(0).request.association().remote(), s.request.association().remote(), "one association");
        }
        assertEquals(0, handler.aborted.get());
    }

    @Test
    void storescuProposeImplicitOnly(@TempDir Path dir) throws Exception {
        assumeTrue(Dcmtk.onPath("storescu"), "dcmtk storescu not installed");
        startServer();
        String uid = "1.2.826.0.1.3680043.2.1125.7.10";
        byte[] ds = scDataSet(uid, true, false, 32, 32);
        Path f = writePart10(dir.resolve("x.dcm"), SC, uid, EXPLICIT_LE, ds);
        Path log = dir.resolve("storescu.log");
        assertEquals(0, run(log, "storescu", "-xi", "-aec", "BRIDGE", "127.0.0.1", String.valueOf(server.localPort()), f.toString()), tail(log));
        Stored s = handler.stored.get(0);
        assertEquals(IMPLICIT_LE, s.request.transferSyntaxUid());
        byte[] got = s.bytes.toByteArray();
        // storescu transcoded to implicit VR: (0008,0016) followed by a 4-byte length, no VR
        assertArrayEquals(new byte[] {8, 0, 0x16, 0, 26, 0, 0, 0}, java.util.Arrays.copyOf(got, 8));
        assertArrayEquals(scDataSet(uid, false, false, 32, 32), got, "same data set, implicit VR encoding");
    }

    @Test
    void storescuProposeLittleEndianFirst(@TempDir Path dir) throws Exception {
        assumeTrue(Dcmtk.onPath("storescu"), "dcmtk storescu not installed");
        startServer();
        String uid = "1.2.826.0.1.3680043.2.1125.7.11";
        byte[] ds = scDataSet(uid, false, false, 32, 32);
        Path f = writePart10(dir.resolve("x.dcm"), SC, uid, IMPLICIT_LE, ds);
        Path log = dir.resolve("storescu.log");
        assertEquals(0, run(log, "storescu", "-xe", "-aec", "BRIDGE", "127.0.0.1", String.valueOf(server.localPort()), f.toString()), tail(log));
        Stored s = handler.stored.get(0);
        // storescu proposes separate contexts per TS; we accept each with its TS, storescu picks one that
        // needs no conversion or converts; either way the TS must be an accepted uncompressed one.
        assertTrue(List.of(IMPLICIT_LE, EXPLICIT_LE).contains(s.request.transferSyntaxUid()), s.request.transferSyntaxUid());
        if (s.request.transferSyntaxUid().equals(IMPLICIT_LE)) {
            assertArrayEquals(ds, s.bytes.toByteArray());
        }
        assertTrue(s.completed);
    }

    @Test
    void storescuBigEndianOnlyContext(@TempDir Path dir) throws Exception {
        assumeTrue(Dcmtk.onPath("storescu"), "dcmtk storescu not installed");
        server = new DicomServer(serverConfig().supported(java.util.Map.of(SC, List.of(EXPLICIT_BE))).build(), handler);
        server.start();
        String uid = "1.2.826.0.1.3680043.2.1125.7.13";
        Path f = writePart10(dir.resolve("b.dcm"), SC, uid, EXPLICIT_LE, scDataSet(uid, true, false, 16, 16));
        Path log = dir.resolve("storescu.log");
        assertEquals(0, run(log, "storescu", "-xb", "-aec", "BRIDGE", "127.0.0.1", String.valueOf(server.localPort()), f.toString()), tail(log));
        Stored s = handler.stored.get(0);
        assertEquals(EXPLICIT_BE, s.request.transferSyntaxUid());
        assertArrayEquals(scDataSet(uid, true, true, 16, 16), s.bytes.toByteArray(), "same data set, explicit VR big endian");
    }

    @Test
    void storescuLosslessJpegFile(@TempDir Path dir) throws Exception {
        assumeTrue(Dcmtk.onPath("storescu"), "dcmtk storescu not installed");
        startServer();
        String uid = "1.2.826.0.1.3680043.2.1125.7.12";
        byte[] ds = scEncapsulated(uid);
        Path f = writePart10(dir.resolve("j.dcm"), SC, uid, JPEG_LOSSLESS_SV1, ds);
        Path log = dir.resolve("storescu.log");
        assertEquals(0, run(log, "storescu", "-xs", "-aec", "BRIDGE", "127.0.0.1", String.valueOf(server.localPort()), f.toString()), tail(log));
        Stored s = handler.stored.get(0);
        assertEquals(JPEG_LOSSLESS_SV1, s.request.transferSyntaxUid());
        assertArrayEquals(ds, s.bytes.toByteArray());
    }

    @Test
    void ourScuAgainstStorescp(@TempDir Path dir) throws Exception {
        assumeTrue(Dcmtk.onPath("storescp"), "dcmtk storescp not installed");
        int port = FreePorts.claim();
        Path out = Files.createDirectories(dir.resolve("out"));
        storescp = Dcmtk.startStorescp("STORESCP", port, out, dir.resolve("storescp.log"));
        assertTrue(waitFor(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, 10000), "storescp did not start");

        String uid = "1.2.826.0.1.3680043.2.1125.7.20";
        byte[] ds = scDataSet(uid, true, false, 512, 400); // ~200 KB: several PDUs at storescp's 16 KiB maximum
        Path f = writePart10(dir.resolve("s.dcm"), SC, uid, EXPLICIT_LE, ds);
        DicomClientConfig cfg = DicomClientConfig.builder().host("127.0.0.1").port(port)
                .callingAeTitle("PACSBRIDGE").calledAeTitle("STORESCP").build();
        try (Association a = Association.open(cfg, List.of(
                new PresentationContextRequest(VERIFICATION, List.of(IMPLICIT_LE)),
                new PresentationContextRequest(SC, List.of(EXPLICIT_LE, IMPLICIT_LE))))) {
            assertEquals(0, a.echo());
            assertTrue(a.peerMaxPduLength() > 0);
            assertEquals(0, a.store(f));
            a.release();
        }
        List<Path> files;
        try (Stream<Path> st = Files.list(out)) {
            files = st.toList();
        }
        assertEquals(1, files.size(), "storescp wrote " + files);
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(files.get(0)))) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            assertEquals(uid, meta.mediaStorageSopInstanceUid());
            assertEquals(SC, meta.mediaStorageSopClassUid());
            assertEquals(EXPLICIT_LE, meta.transferSyntaxUid());
            assertArrayEquals(ds, in.readAllBytes(), "data set stored by storescp equals what we sent");
        }
    }
}
