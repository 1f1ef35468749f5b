package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.testing.DcmjsPeer;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.PduLengthTap;

/**
 * The {@code dicom:} component against dcmjs-dimse 0.3.3 (npm), a DICOM upper layer in JavaScript written apart from
 * dcmtk, Orthanc and PixelMed: as sender to the Storage SCP and as receiver of the producer's forward. A
 * {@link PduLengthTap} between the two notes the PDU lengths each side put on the wire.
 *
 * <p>How dcmjs-dimse reads the protocol, and so what these tests pin down:
 * <ul>
 * <li>Maximum PDU length: it keeps one value per association. As requestor it sends P-DATA-TF PDUs filled to exactly
 * the acceptor's announced maximum. As acceptor it announces the smaller of its own limit and the requestor's — the
 * requestor's receive limit comes back as dcmjs's own, and a requestor announcing 0 ("no limit") gets 0.
 * <li>Presentation contexts: as requestor it proposes one context per SOP class with implicit, then explicit VR
 * little endian for every object of that class, plus one context of its own for each other syntax a file is in.
 * An object goes on the context whose accepted syntax is the file's; failing that on the <em>last</em> accepted
 * context of its SOP class, converting the data set to that context's syntax. A conversion it cannot make (into or
 * out of a compressed or deflated syntax, as its codecs are not loaded here) drops the object: no C-STORE, no
 * status, the association goes on.
 * <li>It re-encodes every data set it sends: byte for byte the same for the uncompressed syntaxes, but an empty Basic
 * Offset Table of encapsulated pixel data goes out with one offset (0), and a deflated file goes out inflated on the
 * deflated context.
 * <li>Release: as requestor an A-RELEASE-RQ right after the last response, and the socket ended on the A-RELEASE-RP.
 * </ul>
 */
class DcmjsPeerTest {

    private static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    private static final String RLE = "1.2.840.10008.1.2.5";
    /** The opening markers of a JPEG 2000 codestream: the node stores compressed pixels as they are, never decoding. */
    private static final byte[] J2K = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51, 0, 0x2F, 0, 0};
    /** One RLE segment header; dcmjs-dimse does not decode what it sends either. */
    private static final byte[] RLE_SEGMENTS = {1, 0, 0, 0, 64, 0, 0, 0};
    /** The item tag of the Basic Offset Table (FFFE,E000), little endian, with length 0. */
    private static final byte[] EMPTY_OFFSET_TABLE = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0, 0, 0};

    @TempDir
    Path tmp;

    private CamelContext camel;
    private final RecordingScpRoute scp = new RecordingScpRoute();

    @BeforeEach
    void requireDcmjs() {
        Assumptions.assumeTrue(DcmjsPeer.available(), "dcmjs-dimse not installed (npm ci --prefix src/test/dcmjs)");
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    // ---- dcmjs-dimse as sender ----------------------------------------------------------------------------

    @Test
    void dcmjsEchoesAndStoresSeveralClassesAndSyntaxesOnOneAssociationInPdusOfTheNodesLimit() throws Exception {
        startScp("&maxPduLength=16384");
        // 128 × 128 16-bit pixels: a data set of about 33 KB, more than two PDUs of 16 KiB
        Path cr = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "DCMJS1", 128, 128);
        Path ct = DicomFiles.image(tmp, DicomFiles.CT_CHEST, DicomFiles.newUid(), "DCMJS2", 32, 32, 16);
        Path dx = DicomFiles.image(tmp, DicomFiles.DX_CHEST, DicomFiles.newUid(), "DCMJS3", 32, 32, 8);
        Path j2k = DicomFiles.encapsulated(tmp, DicomFiles.newUid(), JPEG_2000_LOSSLESS, J2K);
        Path rle = DicomFiles.encapsulated(tmp, DicomFiles.newUid(), RLE, RLE_SEGMENTS);
        List<Path> files = List.of(cr, ct, dx, j2k, rle);

        DcmjsPeer.SendResult result;
        try (PduLengthTap tap = new PduLengthTap(scp.port())) {
            result = DcmjsPeer.send("127.0.0.1", tap.port(), "NODE", "DCMJS", files);
            List<Long> pdus = tap.fromRequestor(PduLengthTap.P_DATA_TF);
            // filled to the node's limit exactly: 16384 = 4 (PDV length) + 2 (context, header) + 16378 data bytes
            assertEquals(16384L, Collections.max(pdus), "largest P-DATA-TF from dcmjs: " + pdus);
            assertTrue(pdus.stream().filter(length -> length == 16384L).count() >= 2, "the radiograph spans PDUs: " + pdus);
            assertReleasedWithoutAbort(tap);
        }
        assertEquals(0, result.exitCode(), result.output());

        JsonNode accepted = result.event("accepted");
        assertEquals(16384, accepted.path("maxPduLength").asInt(), "the limit dcmjs read from the A-ASSOCIATE-AC");
        // one context per SOP class for the uncompressed syntaxes (the node picks explicit VR little endian from
        // dcmjs's implicit-then-explicit proposal), one each for the compressed syntaxes the files are in
        assertEquals(Set.of(UID.Verification + " " + UID.ImplicitVRLittleEndian,
                        DicomFiles.CR_IMAGE_STORAGE + " " + UID.ExplicitVRLittleEndian,
                        DicomFiles.CT_CHEST.sopClassUid() + " " + UID.ExplicitVRLittleEndian,
                        DicomFiles.DX_FOR_PRESENTATION + " " + UID.ExplicitVRLittleEndian,
                        DicomFiles.CR_IMAGE_STORAGE + " " + JPEG_2000_LOSSLESS,
                        DicomFiles.CR_IMAGE_STORAGE + " " + RLE),
                acceptedContexts(accepted));
        assertEquals(0x0000, result.event("echo").path("status").asInt(-1), "C-ECHO status");
        assertTrue(result.event("end").path("released").asBoolean(), result.output());

        for (Path file : files) {
            String uid = sopInstanceUid(file);
            JsonNode store = result.store(uid);
            assertEquals("0000", store.path("statusHex").asText(), store.toString());
            assertEquals(DicomFiles.transferSyntax(file), store.path("transferSyntax").asText(), "sent in its own syntax");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scp.dataSets().containsKey(uid));
            assertArrayEquals(asDcmjsEncodesIt(file), scp.dataSets().get(uid), "data set of " + file.getFileName());
            var message = scp.exchanges().get(uid).getMessage();
            assertEquals(DicomFiles.transferSyntax(file), message.getHeader(DicomConstants.TRANSFER_SYNTAX_UID));
            assertEquals("DCMJS", message.getHeader(DicomConstants.CALLING_AE_TITLE));
        }
    }

    @Test
    void aSyntaxTheNodeDoesNotAcceptIsRefusedOnItsContextAndDcmjsDropsTheObjectWithoutAbort() throws Exception {
        startScp("&transferSyntaxes=" + UID.ExplicitVRLittleEndian);
        Path cr = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "DCMJS4", 32, 32);
        Path j2k = DicomFiles.encapsulated(tmp, DicomFiles.newUid(), JPEG_2000_LOSSLESS, J2K);

        DcmjsPeer.SendResult result;
        try (PduLengthTap tap = new PduLengthTap(scp.port())) {
            result = DcmjsPeer.send("127.0.0.1", tap.port(), "NODE", "DCMJS", List.of(j2k, cr));
            assertReleasedWithoutAbort(tap);
        }

        assertEquals(1, result.exitCode(), "not every object was stored: " + result.output());
        JsonNode j2kContext = refusedContext(result.event("accepted"));
        assertEquals(4, j2kContext.path("result").asInt(), "transfer syntaxes not supported: " + j2kContext);
        // dcmjs then falls back on the accepted explicit VR context of the class, cannot convert JPEG 2000 into it
        // without its codecs, and drops the object: no C-STORE, so no status, and no abort
        JsonNode dropped = result.store(sopInstanceUid(j2k));
        assertEquals("not sent", dropped.path("outcome").asText(), dropped.toString());
        assertTrue(dropped.path("status").isNull(), dropped.toString());
        assertEquals("0000", result.store(sopInstanceUid(cr)).path("statusHex").asText());
        JsonNode end = result.event("end");
        assertTrue(end.path("released").asBoolean(), end.toString());
        assertTrue(end.path("failure").isNull(), end.toString());

        String crUid = sopInstanceUid(cr);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scp.dataSets().containsKey(crUid));
        assertArrayEquals(DicomFiles.dataSet(cr), scp.dataSets().get(crUid));
        assertFalse(scp.dataSets().containsKey(sopInstanceUid(j2k)));
    }

    @Test
    void anImplicitVrFileGoesOutInTheSyntaxOfTheLastAcceptedContextOfItsClass() throws Exception {
        Assumptions.assumeTrue(Dcmtk.onPath("dcmconv"), "dcmtk not installed");
        startScp("");
        Path source = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "DCMJS5", 32, 32);
        Path implicit = convert(source, "+ti");
        Path bigEndianTwin = convert(source, "+tb");
        Path bigEndian = convert(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "DCMJS6", 32, 32), "+tb");

        // contexts: CR with implicit/explicit (accepted: explicit), CR with big endian (accepted). No context
        // accepted the implicit file's own syntax, so dcmjs takes the last accepted CR context, big endian
        var result = DcmjsPeer.send("127.0.0.1", scp.port(), "NODE", "DCMJS", List.of(implicit, bigEndian));

        assertEquals(0, result.exitCode(), result.output());
        String uid = sopInstanceUid(implicit);
        assertEquals(UID.ExplicitVRBigEndian, result.store(uid).path("transferSyntax").asText());
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> scp.dataSets().containsKey(uid) && scp.dataSets().containsKey(sopInstanceUid(bigEndian)));
        assertEquals(UID.ExplicitVRBigEndian, scp.exchanges().get(uid).getMessage().getHeader(DicomConstants.TRANSFER_SYNTAX_UID));
        assertArrayEquals(DicomFiles.dataSet(bigEndianTwin), scp.dataSets().get(uid), "dcmjs's conversion equals dcmconv's");
        assertArrayEquals(DicomFiles.dataSet(bigEndian), scp.dataSets().get(sopInstanceUid(bigEndian)));
    }

    @Test
    void aDeflatedFileGoesOutInflatedAndTheNodeAnswersCannotUnderstand() throws Exception {
        Assumptions.assumeTrue(Dcmtk.onPath("dcmconv"), "dcmtk not installed");
        startScp("");
        Path deflated = convert(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "DCMJS7", 32, 32), "+td");
        Path cr = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "DCMJS8", 32, 32);

        var result = DcmjsPeer.send("127.0.0.1", scp.port(), "NODE", "DCMJS", List.of(deflated, cr));

        assertEquals(1, result.exitCode(), result.output());
        // dcmjs reads the file, inflating it, and writes the data set for the deflated context without deflating it
        JsonNode refused = result.store(sopInstanceUid(deflated));
        assertEquals(UID.DeflatedExplicitVRLittleEndian, refused.path("transferSyntax").asText(), refused.toString());
        assertEquals(DimseStatus.CANNOT_UNDERSTAND, refused.path("status").asInt(), refused.toString());
        assertEquals("0000", result.store(sopInstanceUid(cr)).path("statusHex").asText(), "the association goes on");
        assertTrue(result.event("end").path("released").asBoolean(), result.output());
        String crUid = sopInstanceUid(cr);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scp.dataSets().containsKey(crUid));
        assertFalse(scp.dataSets().containsKey(sopInstanceUid(deflated)), "nothing of the refused object reaches the route");
    }

    // ---- dcmjs-dimse as receiver of the forward -----------------------------------------------------------

    @Test
    void theProducerForwardsSeveralClassesAndSyntaxesByteIdenticalInPdusOfDcmjsLimitAndReleases() throws Exception {
        camel.start();
        Path received = tmp.resolve("received");
        Path cr = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "FWD1", 128, 128);
        Path ct = DicomFiles.image(tmp, DicomFiles.CT_CHEST, DicomFiles.newUid(), "FWD2", 32, 32, 16);
        Path dx = DicomFiles.image(tmp, DicomFiles.DX_HAND, DicomFiles.newUid(), "FWD3", 32, 32, 8);
        Path j2k = DicomFiles.encapsulated(tmp, DicomFiles.newUid(), JPEG_2000_LOSSLESS, J2K);
        Path rle = DicomFiles.encapsulated(tmp, DicomFiles.newUid(), RLE, RLE_SEGMENTS);
        List<Path> files = new ArrayList<>(List.of(cr, ct, dx, j2k, rle));
        if (Dcmtk.onPath("dcmconv")) {
            Path source = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "FWD4", 32, 32);
            files.addAll(List.of(convert(source, "+ti"),
                    convert(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "FWD5", 32, 32), "+tb"),
                    convert(DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "FWD6", 32, 32), "+td")));
        }

        try (DcmjsPeer.Receiver dcmjs = DcmjsPeer.receive("DCMJS", received, 16384);
                PduLengthTap tap = new PduLengthTap(dcmjs.port())) {
            Exchange exchange = camel.createProducerTemplate().send(
                    "dicom:DCMJS@127.0.0.1:" + tap.port() + "?callingAeTitle=NODE", e -> e.getMessage().setBody(files));

            assertNull(exchange.getException(), () -> "forward failed: " + exchange.getException());
            assertEquals(files.size(), exchange.getMessage().getHeader(DicomConstants.STORED_COUNT));
            JsonNode associated = dcmjs.await("associated", Duration.ofSeconds(5));
            assertEquals("NODE", associated.path("callingAe").asText());
            assertEquals(262144, associated.path("proposedMaxPduLength").asInt(), "the node's own limit");
            assertEquals(16384, associated.path("announcedMaxPduLength").asInt(), "dcmjs's, the smaller");
            for (JsonNode context : associated.path("contexts")) {
                assertEquals(1, context.path("proposed").size(), "the node proposes one syntax a context: " + context);
                assertEquals(0, context.path("result").asInt(), context.toString());
            }
            List<Long> pdus = tap.fromRequestor(PduLengthTap.P_DATA_TF);
            assertTrue(Collections.max(pdus) <= 16384L, "the node keeps to dcmjs's limit: " + pdus);

            for (Path file : files) {
                String uid = sopInstanceUid(file);
                JsonNode stored = dcmjs.await(e -> "stored".equals(e.path("event").asText())
                        && uid.equals(e.path("sopInstanceUid").asText()), Duration.ofSeconds(5));
                assertEquals("0000", stored.path("statusHex").asText());
                Path copy = received.resolve(uid + ".dcm");
                assertArrayEquals(DicomFiles.dataSet(file), DicomFiles.dataSet(copy), "data set of " + file.getFileName());
                FileMeta meta = fileMeta(copy);
                assertEquals(DicomFiles.transferSyntax(file), meta.transferSyntaxUid());
                assertEquals("NODE", meta.sourceAeTitle(), "the node calls with its own AE title");
            }
            JsonNode crStored = dcmjs.await(e -> sopInstanceUid(cr).equals(e.path("sopInstanceUid").asText("")),
                    Duration.ofSeconds(1));
            assertTrue(crStored.path("fragments").asInt() >= 3, "the radiograph came in several PDUs: " + crStored);
            assertTrue(crStored.path("largestFragment").asInt() <= 16384 - 6, crStored.toString());

            dcmjs.await("closed", Duration.ofSeconds(5));
            assertEquals(List.of("released", "closed"), endings(dcmjs), "released, then the connection closed");
            assertReleasedWithoutAbort(tap);
        }
    }

    @Test
    void dcmjsAnnouncesTheNodesLimitWhenItIsTheSmallerAndTheNodeKeepsToIt() throws Exception {
        camel.start();
        Path received = tmp.resolve("received");
        Path cr = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "FWD7", 64, 64);

        // dcmjs's own limit is its default 262144; the node announces 8192 as its receive limit
        try (DcmjsPeer.Receiver dcmjs = DcmjsPeer.receive("DCMJS", received, 0);
                PduLengthTap tap = new PduLengthTap(dcmjs.port())) {
            Exchange exchange = camel.createProducerTemplate().send("dicom:DCMJS@127.0.0.1:" + tap.port()
                    + "?callingAeTitle=NODE&maxPduLength=8192", e -> e.getMessage().setBody(cr.toFile()));

            assertNull(exchange.getException(), () -> "forward failed: " + exchange.getException());
            JsonNode associated = dcmjs.await("associated", Duration.ofSeconds(5));
            assertEquals(8192, associated.path("proposedMaxPduLength").asInt());
            // what dcmjs announces as its own receive limit is the node's: one value for the association
            assertEquals(8192, associated.path("announcedMaxPduLength").asInt());
            List<Long> pdus = tap.fromRequestor(PduLengthTap.P_DATA_TF);
            assertTrue(Collections.max(pdus) <= 8192L, "the node keeps to what dcmjs announced: " + pdus);
            assertTrue(pdus.size() >= 3, "command and a data set of 8 KB+ in 8 KiB PDUs: " + pdus);
            assertArrayEquals(DicomFiles.dataSet(cr), DicomFiles.dataSet(received.resolve(sopInstanceUid(cr) + ".dcm")));
            dcmjs.await("closed", Duration.ofSeconds(5));
            assertEquals(List.of("released", "closed"), endings(dcmjs));
        }
    }

    @Test
    void toANodeAnnouncingNoLimitDcmjsAnnouncesNoneEitherAndTheNodeSendsAtItsOwnCap() throws Exception {
        camel.start();
        Path received = tmp.resolve("received");
        // 384 × 384 16-bit pixels: a data set of about 290 KB, more than one PDU at the node's cap of 262144
        Path cr = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "FWD8", 384, 384);

        try (DcmjsPeer.Receiver dcmjs = DcmjsPeer.receive("DCMJS", received, 0);
                PduLengthTap tap = new PduLengthTap(dcmjs.port())) {
            // maxPduLength=0: the node announces no limit of its own (PS3.8 D.1)
            Exchange exchange = camel.createProducerTemplate().send("dicom:DCMJS@127.0.0.1:" + tap.port()
                    + "?callingAeTitle=NODE&maxPduLength=0", e -> e.getMessage().setBody(cr.toFile()));

            assertNull(exchange.getException(), () -> "forward failed: " + exchange.getException());
            JsonNode associated = dcmjs.await("associated", Duration.ofSeconds(5));
            assertEquals(0, associated.path("proposedMaxPduLength").asInt());
            // the smaller of its 262144 and the node's 0 is 0: dcmjs too announces "no limit"
            assertEquals(0, associated.path("announcedMaxPduLength").asInt());
            List<Long> pdus = tap.fromRequestor(PduLengthTap.P_DATA_TF);
            assertEquals(262144L, Collections.max(pdus), "a peer without limit gets the node's cap: " + pdus);
            assertArrayEquals(DicomFiles.dataSet(cr), DicomFiles.dataSet(received.resolve(sopInstanceUid(cr) + ".dcm")));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private void startScp(String options) throws Exception {
        scp.addTo(camel, tmp.resolve("spool"), options);
        camel.start();
    }

    /** One A-RELEASE-RQ from the requestor, one A-RELEASE-RP from the acceptor, no A-ABORT either way. */
    private static void assertReleasedWithoutAbort(PduLengthTap tap) {
        assertEquals(1, tap.fromRequestor(PduLengthTap.A_RELEASE_RQ).size(), "A-RELEASE-RQ");
        assertEquals(1, tap.fromAcceptor(PduLengthTap.A_RELEASE_RP).size(), "A-RELEASE-RP");
        assertTrue(tap.fromRequestor(PduLengthTap.A_ABORT).isEmpty() && tap.fromAcceptor(PduLengthTap.A_ABORT).isEmpty(),
                "no A-ABORT");
    }

    /** "abstract syntax, accepted transfer syntax" of each accepted context of an "accepted" event. */
    private static Set<String> acceptedContexts(JsonNode accepted) {
        List<String> contexts = new ArrayList<>();
        for (JsonNode context : accepted.path("contexts")) {
            assertEquals(0, context.path("result").asInt(), context.toString());
            contexts.add(context.path("abstractSyntax").asText() + " " + context.path("accepted").asText());
        }
        Set<String> distinct = contexts.stream().collect(Collectors.toSet());
        assertEquals(contexts.size(), distinct.size(), "no context proposed twice: " + contexts);
        return distinct;
    }

    /** The one context of an "accepted" event that the node did not accept. */
    private static JsonNode refusedContext(JsonNode accepted) {
        List<JsonNode> refused = new ArrayList<>();
        accepted.path("contexts").forEach(c -> {
            if (c.path("result").asInt() != 0) {
                refused.add(c);
            }
        });
        assertEquals(1, refused.size(), "one context refused: " + accepted);
        return refused.get(0);
    }

    /** How the dcmjs receiver saw each association end, in order: "released", "aborted", "closed". */
    private static List<String> endings(DcmjsPeer.Receiver dcmjs) throws IOException {
        List<String> endings = new ArrayList<>();
        for (JsonNode event : dcmjs.events()) {
            String kind = event.path("event").asText();
            if (List.of("released", "aborted", "closed").contains(kind)) {
                endings.add(kind);
            }
        }
        return endings;
    }

    /**
     * The data set of a file as dcmjs-dimse re-encodes it for sending: unchanged, except that an empty Basic Offset
     * Table of encapsulated pixel data gets the one frame's offset, 0.
     */
    private static byte[] asDcmjsEncodesIt(Path file) throws IOException {
        byte[] dataSet = DicomFiles.dataSet(file);
        if (!TransferSyntax.of(DicomFiles.transferSyntax(file)).encapsulated()) {
            return dataSet;
        }
        int at = indexOf(dataSet, EMPTY_OFFSET_TABLE);
        assertTrue(at > 0, "no empty offset table in " + file);
        byte[] filled = Arrays.copyOf(dataSet, dataSet.length + 4);
        filled[at + 4] = 4; // item length 4
        System.arraycopy(dataSet, at + EMPTY_OFFSET_TABLE.length, filled, at + EMPTY_OFFSET_TABLE.length + 4,
                dataSet.length - at - EMPTY_OFFSET_TABLE.length);
        Arrays.fill(filled, at + EMPTY_OFFSET_TABLE.length, at + EMPTY_OFFSET_TABLE.length + 4, (byte) 0);
        return filled;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private Path convert(Path source, String option) throws Exception {
        Path target = tmp.resolve(option.substring(1) + "-" + source.getFileName());
        var result = Dcmtk.run(30, "dcmconv", option, source.toString(), target.toString());
        assertTrue(result.ok(), result.output());
        return target;
    }

    private static FileMeta fileMeta(Path part10) throws IOException {
        try (var in = new BufferedInputStream(Files.newInputStream(part10))) {
            return Part10Reader.readFileMeta(in);
        }
    }

    private static String sopInstanceUid(Path part10) {
        try {
            return fileMeta(part10).mediaStorageSopInstanceUid();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
