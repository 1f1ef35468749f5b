package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.Association;
import org.pacsbridge.dicom.net.DicomClientConfig;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.PresentationContextRequest;
import org.pacsbridge.dicom.net.internal.AssociateParams;
import org.pacsbridge.dicom.net.internal.Pdu;
import org.pacsbridge.dicom.net.internal.PresentationContext;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.EncapsulatedTransferSyntaxes;

/**
 * Which transfer syntaxes the Storage SCP of {@code dicom:} accepts: every one of PS3.6 Table A-1 with a data set
 * encoding (or those the {@code transferSyntaxes} option names), each stored as received; any other refused on its
 * own presentation context with result 4, the association going on.
 */
class DicomConsumerTransferSyntaxTest {

    private static final String PRIVATE_SYNTAX = "1.2.3.4.5.6";

    @TempDir
    Path tmp;

    private CamelContext camel;
    private final RecordingScpRoute scp = new RecordingScpRoute();

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void everyEncapsulatedSyntaxOfTheTableIsAcceptedAndAPrivateOneRefusedOnItsOwnContext() throws Exception {
        start("");
        List<String> encapsulated = EncapsulatedTransferSyntaxes.all();
        List<PresentationContext> proposed = new ArrayList<>();
        for (String ts : encapsulated) {
            proposed.add(new PresentationContext(2 * proposed.size() + 1, DicomFiles.CR_IMAGE_STORAGE, List.of(ts)));
        }
        int privateId = 2 * proposed.size() + 1;
        proposed.add(new PresentationContext(privateId, DicomFiles.CR_IMAGE_STORAGE, List.of(PRIVATE_SYNTAX)));

        AssociateParams ac = associate(proposed);

        assertEquals(proposed.size(), ac.contexts.size());
        for (PresentationContext answer : ac.contexts) {
            if (answer.id == privateId) {
                assertEquals(PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED, answer.result, "private syntax");
            } else {
                String ts = encapsulated.get(answer.id / 2);
                assertEquals(PresentationContext.ACCEPTANCE, answer.result, ts);
                assertEquals(ts, answer.transferSyntax());
            }
        }
    }

    @Test
    void anObjectInEachEncapsulatedOrJpipSyntaxIsStoredAsSent() throws Exception {
        start("");
        Map<String, Path> files = new LinkedHashMap<>();
        byte[] fragment = {(byte) 0xFF, 0x0A, 0x12, 0x34, 0x56, 0x78};
        for (String ts : EncapsulatedTransferSyntaxes.all()) {
            files.put(ts, DicomFiles.encapsulated(tmp, DicomFiles.newUid(), ts, fragment));
        }
        String url = "http://jpip.example.org/images/1";
        files.put(UID.JPIPReferenced, DicomFiles.pixelsByReference(tmp, DicomFiles.newUid(), UID.JPIPReferenced, false, url));
        files.put(UID.JPIPReferencedDeflate,
                DicomFiles.pixelsByReference(tmp, DicomFiles.newUid(), UID.JPIPReferencedDeflate, true, url));
        files.put(UID.JPIPHTJ2KReferenced,
                DicomFiles.pixelsByReference(tmp, DicomFiles.newUid(), UID.JPIPHTJ2KReferenced, false, url));
        files.put(UID.JPIPHTJ2KReferencedDeflate,
                DicomFiles.pixelsByReference(tmp, DicomFiles.newUid(), UID.JPIPHTJ2KReferencedDeflate, true, url));

        List<PresentationContextRequest> contexts = files.keySet().stream()
                .map(ts -> new PresentationContextRequest(DicomFiles.CR_IMAGE_STORAGE, List.of(ts))).toList();
        try (Association association = Association.open(clientConfig(), contexts)) {
            for (var entry : files.entrySet()) {
                assertEquals(DimseStatus.SUCCESS, association.store(entry.getValue()), entry.getKey());
            }
            association.release();
        }

        for (var entry : files.entrySet()) {
            String uid = entry.getValue().getFileName().toString().replace(".dcm", "");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> scp.dataSets().containsKey(uid));
            assertArrayEquals(DicomFiles.dataSet(entry.getValue()), scp.dataSets().get(uid), entry.getKey());
            var message = scp.exchanges().get(uid).getMessage();
            assertEquals(entry.getKey(), message.getHeader(DicomConstants.TRANSFER_SYNTAX_UID));
            // the header attributes were read in the syntax's own encoding (inflated for the deflated ones)
            assertEquals("CHEST", message.getHeader(DicomConstants.BODY_PART_EXAMINED), entry.getKey());
            assertEquals("PA", message.getHeader(DicomConstants.VIEW_POSITION), entry.getKey());
        }
    }

    @Test
    void aNarrowedListRefusesTheOtherSyntaxesAndKeepsTheScpsPreference() throws Exception {
        start("&transferSyntaxes=" + UID.JPEGLosslessSV1 + "," + UID.ImplicitVRLittleEndian + ","
                + UID.ExplicitVRLittleEndian);

        AssociateParams ac = associate(List.of(
                new PresentationContext(1, DicomFiles.CR_IMAGE_STORAGE, List.of(UID.JPEGBaseline8Bit)),
                new PresentationContext(3, DicomFiles.CR_IMAGE_STORAGE, List.of(UID.JPEGBaseline8Bit, UID.JPEGLosslessSV1)),
                new PresentationContext(5, DicomFiles.CR_IMAGE_STORAGE,
                        List.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian)),
                new PresentationContext(7, DicomFiles.CR_IMAGE_STORAGE, List.of(UID.ExplicitVRBigEndian))));

        assertEquals(PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED, ac.contexts.get(0).result);
        assertEquals(PresentationContext.ACCEPTANCE, ac.contexts.get(1).result);
        assertEquals(UID.JPEGLosslessSV1, ac.contexts.get(1).transferSyntax());
        assertEquals(PresentationContext.ACCEPTANCE, ac.contexts.get(2).result);
        assertEquals(UID.ExplicitVRLittleEndian, ac.contexts.get(2).transferSyntax());
        assertEquals(PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED, ac.contexts.get(3).result);
    }

    @Test
    void aListNamingASyntaxTheScpCannotReadStopsTheStart() {
        Exception failure = assertThrows(Exception.class,
                () -> start("&transferSyntaxes=" + UID.ExplicitVRLittleEndian + "," + PRIVATE_SYNTAX));
        String messages = "";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages += t.getMessage() + "\n";
        }
        assertTrue(messages.contains(PRIVATE_SYNTAX), messages);
    }

    private void start(String options) throws Exception {
        camel = new DefaultCamelContext();
        scp.addTo(camel, tmp.resolve("spool"), options);
        camel.start();
    }

    private DicomClientConfig clientConfig() {
        return DicomClientConfig.builder().callingAeTitle("SCU").calledAeTitle("NODE").host("127.0.0.1").port(scp.port())
                .build();
    }

    /** Sends an A-ASSOCIATE-RQ with these contexts and returns the A-ASSOCIATE-AC, as a peer reads it off the wire. */
    private AssociateParams associate(List<PresentationContext> contexts) throws IOException {
        AssociateParams rq = new AssociateParams();
        rq.callingAe = "RAWSCU";
        rq.calledAe = "NODE";
        rq.maxPduLength = 16384;
        rq.implementationClassUid = "1.2.3.4";
        rq.contexts.addAll(contexts);
        try (Socket socket = new Socket("127.0.0.1", scp.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(Pdu.encodeAssociate(rq, false));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.readUnsignedByte();
            in.readByte();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            assertEquals(Pdu.A_ASSOCIATE_AC, type, "an A-ASSOCIATE-AC, neither a rejection nor an abort");
            socket.getOutputStream().write(Pdu.encodeReleaseRq());
            return Pdu.decodeAssociate(body, body.length, true);
        }
    }
}
