package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.OrthancPeer;
import org.pacsbridge.testing.PixelmedSender;

/**
 * The {@code dicom:} component against real DICOM software from Debian: dcmtk's storescu in every
 * standard transfer syntax dcmtk writes and in the retired JPEG processes (negotiated from a storescu
 * configuration file), Orthanc as sender and as receiver, and pixelmed's StorageSOPClassSCU as sender.
 */
class DicomInteropTest {

    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    private static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    private static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    private static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    private static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
    private static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    private static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    private static final String RLE = "1.2.840.10008.1.2.5";

    @TempDir
    Path tmp;

    private CamelContext camel;
    private final RecordingScpRoute scp = new RecordingScpRoute();

    @BeforeEach
    void startScp() throws Exception {
        camel = new DefaultCamelContext();
        scp.addTo(camel, tmp.resolve("spool"), "");
        camel.start();
    }

    @AfterEach
    void stopScp() {
        camel.stop();
    }

    @Test
    void storescuInEveryStandardTransferSyntaxArrivesByteIdentical() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available() && Dcmtk.onPath("dcmconv") && Dcmtk.onPath("dcmcjpeg")
                && Dcmtk.onPath("dcmcjpls") && Dcmtk.onPath("dcmcrle"), "dcmtk not installed");
        Path sources = Files.createDirectories(tmp.resolve("sources"));
        // a source of its own per syntax: the converters keep the SOP Instance UID
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(UID.ExplicitVRLittleEndian, source(sources, 16));
        files.put(UID.ImplicitVRLittleEndian, convert("dcmconv", source(sources, 16), "+ti"));
        files.put(UID.ExplicitVRBigEndian, convert("dcmconv", source(sources, 16), "+tb"));
        files.put(UID.DeflatedExplicitVRLittleEndian, convert("dcmconv", source(sources, 16), "+td"));
        files.put(JPEG_BASELINE, convert("dcmcjpeg", source(sources, 8), "+eb"));
        files.put(JPEG_EXTENDED, convert("dcmcjpeg", source(sources, 16), "+ee"));
        files.put(JPEG_LOSSLESS_SV1, convert("dcmcjpeg", source(sources, 16), "+e1"));
        files.put(JPEG_LS_LOSSLESS, convert("dcmcjpls", source(sources, 16), "+el"));
        files.put(JPEG_LS_NEAR_LOSSLESS, convert("dcmcjpls", source(sources, 16), "+en"));
        files.put(RLE, convert("dcmcrle", source(sources, 16)));
        // dcmtk has no JPEG 2000 encoder: these carry a codestream start as their one fragment
        byte[] j2k = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51, 0, 0x2F, 0, 0};
        files.put(JPEG_2000_LOSSLESS, DicomFiles.encapsulated(sources, DicomFiles.newUid(), JPEG_2000_LOSSLESS, j2k));
        files.put(JPEG_2000, DicomFiles.encapsulated(sources, DicomFiles.newUid(), JPEG_2000, j2k));
        sendEachInItsOwnSyntax(files);

        for (var entry : files.entrySet()) {
            String uid = sopInstanceUid(entry.getValue());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> scp.dataSets().containsKey(uid));
            byte[] sent = DicomFiles.dataSet(entry.getValue());
            if (sent.length % 2 == 1) {
                // a deflated stream of odd length travels with one trailing NUL (PS3.5 A.5)
                sent = java.util.Arrays.copyOf(sent, sent.length + 1);
            }
            assertArrayEquals(sent, scp.dataSets().get(uid), "data set in " + entry.getKey());
            var headers = scp.exchanges().get(uid).getMessage();
            assertEquals(entry.getKey(), headers.getHeader(DicomConstants.TRANSFER_SYNTAX_UID));
            assertEquals("CR", headers.getHeader(DicomConstants.MODALITY), entry.getKey());
            assertEquals("CHEST", headers.getHeader(DicomConstants.BODY_PART_EXAMINED), entry.getKey());
            assertEquals("PA", headers.getHeader(DicomConstants.VIEW_POSITION), entry.getKey());
            // dcmtk marks what it compressed lossily as DERIVED
            boolean lossy = List.of(JPEG_BASELINE, JPEG_EXTENDED, JPEG_LS_NEAR_LOSSLESS).contains(entry.getKey());
            assertEquals(List.of(lossy ? "DERIVED" : "ORIGINAL", "PRIMARY"), headers.getHeader(DicomConstants.IMAGE_TYPE),
                    entry.getKey());
            assertTrue(headers.getHeader(DicomConstants.STUDY_INSTANCE_UID, String.class).startsWith("2.25."));
        }
    }

    @Test
    void storescuInTheRetiredJpegProcessesArrivesByteIdentical() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available() && Dcmtk.onPath("dcmcjpeg"), "dcmtk not installed");
        Path sources = Files.createDirectories(tmp.resolve("sources"));
        Map<String, Path> files = new LinkedHashMap<>();
        // the retired processes dcmtk encodes: spectral selection (6/8) and full progression (10/12)
        files.put(UID.JPEGSpectralSelectionNonHierarchical68, convert("dcmcjpeg", source(sources, 8), "+es"));
        files.put(UID.JPEGFullProgressionNonHierarchical1012, convert("dcmcjpeg", source(sources, 16), "+ep"));
        // for the others it has no encoder: a fragment starting like a JPEG stream (SOI, then a DHP marker for the
        // hierarchical processes), sent by storescu all the same, as it never decodes what it sends
        byte[] sequential = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC1, 0, 0x0B};
        byte[] hierarchical = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDE, 0, 0x0B};
        for (String ts : List.of(UID.JPEGExtended35, UID.JPEGSpectralSelectionNonHierarchical79,
                UID.JPEGFullProgressionNonHierarchical1113, UID.JPEGLosslessNonHierarchical15)) {
            files.put(ts, DicomFiles.encapsulated(sources, DicomFiles.newUid(), ts, sequential));
        }
        for (int process = 59; process <= 66; process++) {
            String ts = "1.2.840.10008.1.2.4." + process;
            files.put(ts, DicomFiles.encapsulated(sources, DicomFiles.newUid(), ts, hierarchical));
        }
        sendEachInItsOwnSyntax(files);

        for (var entry : files.entrySet()) {
            String uid = sopInstanceUid(entry.getValue());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> scp.dataSets().containsKey(uid));
            assertArrayEquals(DicomFiles.dataSet(entry.getValue()), scp.dataSets().get(uid), "data set in " + entry.getKey());
            var headers = scp.exchanges().get(uid).getMessage();
            assertEquals(entry.getKey(), headers.getHeader(DicomConstants.TRANSFER_SYNTAX_UID));
            assertEquals("CHEST", headers.getHeader(DicomConstants.BODY_PART_EXAMINED), entry.getKey());
        }
    }

    @Test
    void orthancSendsToTheNodeAndTheNodeStoresIntoOrthanc() throws Exception {
        Assumptions.assumeTrue(OrthancPeer.available(), "Orthanc not installed");
        try (OrthancPeer orthanc = OrthancPeer.builder().modality("node", "NODE", "127.0.0.1", scp.port()).start()) {
            Path file = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ORTHANC1", 32, 32);
            String orthancId = orthanc.uploadInstance(file);
            assertEquals(1, orthanc.storeToModality("node", List.of(orthancId)));
            String uid = sopInstanceUid(file);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> scp.dataSets().containsKey(uid));

            // and back: the node's SCU stores a new object into Orthanc
            Path outgoing = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ORTHANC2", 32, 32);
            camel.createProducerTemplate().sendBody("dicom:" + orthanc.aeTitle() + "@127.0.0.1:" + orthanc.dicomPort()
                    + "?callingAeTitle=NODE", outgoing.toFile());
            String outgoingUid = sopInstanceUid(outgoing);
            List<String> stored = new ArrayList<>();
            for (String id : orthanc.instanceIds()) {
                stored.add(orthanc.sopInstanceUid(id));
            }
            assertTrue(stored.contains(outgoingUid), "Orthanc holds " + stored);
        }
    }

    @Test
    void pixelmedSendsToTheNode() throws Exception {
        Assumptions.assumeTrue(PixelmedSender.available(), "pixelmed not installed");
        Path first = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "PIXELMED1", 32, 32);
        Path second = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "PIXELMED2", 32, 32);
        var result = new PixelmedSender().send("127.0.0.1", scp.port(), "NODE", "PIXELMED", List.of(first, second));
        assertTrue(result.succeeded(), result.output());
        for (Path file : List.of(first, second)) {
            String uid = sopInstanceUid(file);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> scp.dataSets().containsKey(uid));
            assertArrayEquals(DicomFiles.dataSet(file), scp.dataSets().get(uid));
        }
    }

    private static Path source(Path dir, int bitsAllocated) throws IOException {
        return DicomFiles.chestRadiograph(dir, DicomFiles.newUid(), "TS", 64, 64, bitsAllocated);
    }

    private Path convert(String tool, Path source, String... options) throws Exception {
        Path target = tmp.resolve("converted-" + tool + String.join("", options) + "-" + source.getFileName());
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(List.of(options));
        command.add(source.toString());
        command.add(target.toString());
        var result = Dcmtk.run(60, command.toArray(String[]::new));
        assertTrue(result.ok(), String.join(" ", command) + ": " + result.output());
        return target;
    }

    /** storescu proposes each file's own transfer syntax (and only that one) and sends them all in one association. */
    private void sendEachInItsOwnSyntax(Map<String, Path> files) throws Exception {
        for (var entry : files.entrySet()) {
            assertEquals(entry.getKey(), DicomFiles.transferSyntax(entry.getValue()), "test file " + entry.getValue());
        }
        Path config = storescuConfig(files.keySet());
        var result = Dcmtk.storescu("NODE", scp.port(), List.of("-xf", config.toString(), "AllSyntaxes"),
                files.values().toArray(Path[]::new));
        assertTrue(result.ok(), result.output());
    }

    /** A storescu association profile proposing each transfer syntax in a context of its own. */
    private Path storescuConfig(Iterable<String> transferSyntaxes) throws IOException {
        StringBuilder syntaxes = new StringBuilder("[[TransferSyntaxes]]\n");
        StringBuilder contexts = new StringBuilder("[[PresentationContexts]]\n[CR]\n");
        int n = 1;
        for (String ts : transferSyntaxes) {
            syntaxes.append("[TS").append(n).append("]\nTransferSyntax1 = ").append(ts).append('\n');
            contexts.append("PresentationContext").append(n).append(" = ").append(DicomFiles.CR_IMAGE_STORAGE)
                    .append("\\TS").append(n).append('\n');
            n++;
        }
        String text = syntaxes + "\n" + contexts + "\n[[Profiles]]\n[AllSyntaxes]\nPresentationContexts = CR\n";
        Path config = tmp.resolve("storescu.cfg");
        Files.writeString(config, text, StandardCharsets.US_ASCII);
        return config;
    }

    private static String sopInstanceUid(Path part10) throws IOException {
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(part10))) {
            return org.pacsbridge.dicom.Part10Reader.readFileMeta(in).mediaStorageSopInstanceUid();
        }
    }
}
