package org.pacsbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the peer helpers against the real programs: Orthanc, PixelMed and DCMTK's {@code storescu},
 * {@code storescp}, {@code echoscu} and {@code dump2dcm}. Each test is skipped when a program it needs is
 * not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrthancPeerTest {

    private static final String SC_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";

    @TempDir
    Path tmp;

    @Test
    void orthancStoresWhatStorescuSendsAndWhatIsUploaded() throws Exception {
        assumeTrue(OrthancPeer.available(), "Orthanc is not installed");
        assumeTools("storescu", "dump2dcm");
        String viaDicom = newUid();
        String viaRest = newUid();
        Path first = secondaryCapture(tmp, viaDicom);
        Path second = secondaryCapture(tmp, viaRest);

        try (OrthancPeer orthanc = OrthancPeer.builder().aeTitle("ORTHANC_T").start()) {
            assertTrue(orthanc.instanceIds().isEmpty(), "a fresh Orthanc has no instances");

            Dcmtk.Result storescu = run("storescu", "-aet", "STORESCU", "-aec", orthanc.aeTitle(),
                    OrthancPeer.HOST, Integer.toString(orthanc.dicomPort()), first.toString());
            assertEquals(0, storescu.exitCode(), storescu.output());

            List<String> ids = orthanc.instanceIds();
            assertEquals(1, ids.size(), ids::toString);
            assertEquals(viaDicom, orthanc.sopInstanceUid(ids.get(0)));
            byte[] stored = orthanc.instanceFile(ids.get(0));
            assertEquals("DICM", new String(stored, 128, 4, StandardCharsets.US_ASCII));

            String uploaded = orthanc.uploadInstance(second);
            assertEquals(viaRest, orthanc.sopInstanceUid(uploaded));
            assertEquals(uploaded, orthanc.uploadInstance(second), "uploading again names the same instance");
            assertEquals(2, orthanc.instanceIds().size());
        }
    }

    @Test
    void closeEndsTheProcessAndRemovesItsDirectory() throws Exception {
        assumeTrue(OrthancPeer.available(), "Orthanc is not installed");
        OrthancPeer orthanc = OrthancPeer.builder().start();
        ProcessHandle handle = ProcessHandle.of(orthanc.pid()).orElseThrow();
        Path workDir = orthanc.workDir();

        orthanc.close();

        assertFalse(handle.isAlive());
        assertFalse(Files.exists(workDir));
    }

    @Test
    void storeToModalityDeliversToStorescpAndReportsFailures() throws Exception {
        assumeTrue(OrthancPeer.available(), "Orthanc is not installed");
        assumeTools("storescp", "echoscu", "dump2dcm");
        String uid = newUid();
        Path file = secondaryCapture(tmp, uid);

        try (StoreScp sink = StoreScp.start("SINK", Files.createDirectory(tmp.resolve("sink")));
                OrthancPeer orthanc = OrthancPeer.builder()
                        .modality("sink", "SINK", OrthancPeer.HOST, sink.port())
                        .modality("nobody", "NOBODY", OrthancPeer.HOST, FreePorts.claim())
                        .start()) {
            String id = orthanc.uploadInstance(file);

            assertEquals(1, orthanc.storeToModality("sink", List.of(id)));

            List<Path> received = sink.received();
            assertEquals(1, received.size(), received::toString);
            assertTrue(contains(Files.readAllBytes(received.get(0)), uid), "storescp got the uploaded instance");

            IOException refused = assertThrows(IOException.class,
                    () -> orthanc.storeToModality("nobody", List.of(id)));
            assertTrue(refused.getMessage().contains("HTTP 500"), refused::getMessage);
            assertThrows(IOException.class, () -> orthanc.storeToModality("unknown", List.of(id)));
        }
    }

    @Test
    void pixelmedSendsFilesToStorescp() throws Exception {
        assumeTrue(PixelmedSender.available(), "PixelMed is not installed");
        assumeTools("storescp", "echoscu", "dump2dcm");
        List<String> uids = List.of(newUid(), newUid());
        List<Path> files = new ArrayList<>();
        for (String uid : uids) {
            files.add(secondaryCapture(tmp, uid));
        }
        PixelmedSender pixelmed = new PixelmedSender();

        try (StoreScp sink = StoreScp.start("SINK", Files.createDirectory(tmp.resolve("sink")))) {
            PixelmedSender.Result result = pixelmed.send(OrthancPeer.HOST, sink.port(), "SINK", "PIXELMED", files);

            assertTrue(result.succeeded(), result::output);
            assertEquals(2, result.sent().size());
            assertEquals(2, sink.received().size());
        }

        PixelmedSender.Result refused = pixelmed.send(OrthancPeer.HOST, FreePorts.claim(), "SINK",
                "PIXELMED", files);
        assertFalse(refused.succeeded(), "nothing listens on the port, yet: " + refused.output());
    }

    @Test
    void pixelmedSendsToOrthanc() throws Exception {
        assumeTrue(OrthancPeer.available(), "Orthanc is not installed");
        assumeTrue(PixelmedSender.available(), "PixelMed is not installed");
        assumeTools("dump2dcm");
        String uid = newUid();
        Path file = secondaryCapture(tmp, uid);

        try (OrthancPeer orthanc = OrthancPeer.builder().start()) {
            PixelmedSender.Result result = new PixelmedSender()
                    .send(OrthancPeer.HOST, orthanc.dicomPort(), orthanc.aeTitle(), "PIXELMED", List.of(file));

            assertTrue(result.succeeded(), result::output);
            List<String> ids = orthanc.instanceIds();
            assertEquals(1, ids.size());
            assertEquals(uid, orthanc.sopInstanceUid(ids.get(0)));
        }
    }

    /** Writes an 8x8, 8-bit Secondary Capture image with the given SOP Instance UID, built by dump2dcm. */
    static Path secondaryCapture(Path dir, String sopInstanceUid) throws IOException, InterruptedException {
        String pixels = IntStream.range(0, 64).mapToObj(i -> String.format("%02x", i * 4))
                .collect(Collectors.joining("\\"));
        String dump = String.join("\n",
                "(0008,0016) UI [" + SC_IMAGE_STORAGE + "]",
                "(0008,0018) UI [" + sopInstanceUid + "]",
                "(0008,0020) DA [20240101]",
                "(0008,0060) CS [OT]",
                "(0008,0064) CS [WSD]",
                "(0010,0010) PN [Peer^Test]",
                "(0010,0020) LO [PEER-1]",
                "(0020,000d) UI [" + sopInstanceUid + ".1]",
                "(0020,000e) UI [" + sopInstanceUid + ".2]",
                "(0020,0013) IS [1]",
                "(0028,0002) US 1",
                "(0028,0004) CS [MONOCHROME2]",
                "(0028,0010) US 8",
                "(0028,0011) US 8",
                "(0028,0100) US 8",
                "(0028,0101) US 8",
                "(0028,0102) US 7",
                "(0028,0103) US 0",
                "(7fe0,0010) OB " + pixels,
                "");
        Path text = Files.writeString(dir.resolve(sopInstanceUid + ".txt"), dump);
        Path dicom = dir.resolve(sopInstanceUid + ".dcm");
        Dcmtk.Result dump2dcm = run("dump2dcm", "+te", text.toString(), dicom.toString());
        assertEquals(0, dump2dcm.exitCode(), dump2dcm.output());
        return dicom;
    }

    /** A UID under the 2.25 root (UUID-derived), unique per call. */
    static String newUid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }

    private static void assumeTools(String... names) {
        for (String name : names) {
            assumeTrue(Dcmtk.onPath(name), name + " is not installed (Debian package dcmtk)");
        }
    }

    private static boolean contains(byte[] data, String text) {
        return new String(data, StandardCharsets.ISO_8859_1).contains(text);
    }

    /** Runs a tool to its end; the output starts with the command, for the failure messages. */
    private static Dcmtk.Result run(String... command) throws IOException, InterruptedException {
        Dcmtk.Result result = Dcmtk.run(60, command);
        return new Dcmtk.Result(result.exitCode(), String.join(" ", command) + "\n" + result.output(), "");
    }

    /** DCMTK's storescp on a free loopback port, writing what it receives into one directory. */
    private static final class StoreScp implements AutoCloseable {
        private final Process process;
        private final int port;
        private final Path dir;

        private StoreScp(Process process, int port, Path dir) {
            this.process = process;
            this.port = port;
            this.dir = dir;
        }

        static StoreScp start(String aeTitle, Path dir) throws IOException, InterruptedException {
            int port = FreePorts.claim();
            Process process = Dcmtk.startStorescp(aeTitle, port, dir,
                    dir.resolveSibling(dir.getFileName() + "-storescp.log"));
            StoreScp scp = new StoreScp(process, port, dir);
            scp.awaitEcho(aeTitle);
            return scp;
        }

        // a C-ECHO rather than a bare TCP probe, so storescp logs no broken association
        private void awaitEcho(String aeTitle) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Dcmtk.Result echo;
            do {
                if (!process.isAlive()) {
                    throw new IOException("storescp exited with " + process.exitValue());
                }
                echo = run("echoscu", "-aec", aeTitle, OrthancPeer.HOST, Integer.toString(port));
                if (echo.exitCode() == 0) {
                    return;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
            close();
            throw new IOException("storescp did not answer C-ECHO: " + echo.output());
        }

        int port() {
            return port;
        }

        List<Path> received() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(Files::isRegularFile).sorted().toList();
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
