package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.CStoreHandler;
import org.pacsbridge.dicom.net.DataSetSink;
import org.pacsbridge.dicom.net.DicomServer;
import org.pacsbridge.dicom.net.DicomServerConfig;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.DimseStatusException;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.FreePorts;

/** The Storage SCU side of {@code dicom:}: batches on one association, failures sorted by kind. */
class DicomProducerTest {

    @TempDir
    Path tmp;

    private CamelContext camel;
    private ProducerTemplate template;
    private DicomServer peer;
    private final java.util.Set<java.net.InetSocketAddress> associations = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger stored = new AtomicInteger();

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        camel.stop();
    }

    @Test
    void sendsAListOfFilesOnOneAssociation() throws Exception {
        startPeer(request -> countingSink());
        List<Path> files = List.of(file(), file(), file());
        Exchange exchange = template.send(uri(""), e -> e.getMessage().setBody(files));
        assertEquals(null, exchange.getException());
        assertEquals(3, stored.get());
        assertEquals(3, exchange.getMessage().getHeader(DicomConstants.STORED_COUNT));
        assertEquals(1, associations.size(), "one association for the batch");
    }

    @Test
    void echoes() throws Exception {
        startPeer(request -> countingSink());
        Exchange exchange = template.send(uri("&operation=echo"), e -> { });
        assertEquals(null, exchange.getException());
        assertEquals(DimseStatus.SUCCESS, exchange.getMessage().getHeader(DicomConstants.STATUS));
    }

    @Test
    void outOfResourcesIsTransient() throws Exception {
        startPeer(request -> {
            throw new DimseStatusException(DimseStatus.OUT_OF_RESOURCES);
        });
        DicomStatusException e = failure(DicomStatusException.class, file());
        assertEquals(DimseStatus.OUT_OF_RESOURCES, e.getStatus());
        assertTrue(e.isTransient());
    }

    @Test
    void cannotUnderstandIsPermanent() throws Exception {
        startPeer(request -> {
            throw new DimseStatusException(DimseStatus.CANNOT_UNDERSTAND);
        });
        DicomStatusException e = failure(DicomStatusException.class, file());
        assertFalse(e.isTransient());
    }

    @Test
    void aWrongCalledAeTitleIsAPermanentRejection() throws Exception {
        startPeer(request -> countingSink());
        Exchange exchange = template.send("dicom:SOMEONEELSE@127.0.0.1:" + peer.localPort(), e -> e.getMessage().setBody(file()));
        var e = assertInstanceOf(DicomAssociationRejectedException.class, exchange.getException());
        assertFalse(e.isTransient());
        assertEquals(7, e.getReason());
    }

    @Test
    void anUnreachablePeerIsTransient() throws Exception {
        int closedPort = FreePorts.claim();
        Exchange exchange = template.send("dicom:PEER@127.0.0.1:" + closedPort, e -> e.getMessage().setBody(file()));
        var e = assertInstanceOf(DicomConnectionException.class, exchange.getException());
        assertTrue(e.isTransient());
    }

    @Test
    void aFileThatIsNotDicomIsPermanent() throws Exception {
        startPeer(request -> countingSink());
        Path text = Files.writeString(tmp.resolve("report.txt"), "not an image");
        var e = failure(DicomUnsupportedObjectException.class, text);
        assertFalse(e.isTransient());
        assertTrue(associations.isEmpty(), "nothing is sent when the batch cannot be read");
    }

    @Test
    void aSopClassThePeerDoesNotSupportIsPermanent() throws Exception {
        peer = new DicomServer(DicomServerConfig.builder().bindHost("127.0.0.1").port(0).calledAeTitle("PEER")
                .support("1.2.840.10008.5.1.4.1.1.2", UID.ExplicitVRLittleEndian).build(), request -> countingSink());
        peer.start();
        var e = failure(DicomUnsupportedObjectException.class, file());
        assertFalse(e.isTransient());
    }

    private <T extends Exception> T failure(Class<T> type, Path body) {
        Exchange exchange = template.send(uri(""), e -> e.getMessage().setBody(body));
        return assertInstanceOf(type, exchange.getException());
    }

    private Path file() throws IOException {
        return DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC", 8, 8);
    }

    private String uri(String options) {
        return "dicom:PEER@127.0.0.1:" + peer.localPort() + "?callingAeTitle=NODE" + options;
    }

    private void startPeer(CStoreHandler handler) throws IOException {
        peer = new DicomServer(DicomServerConfig.builder().bindHost("127.0.0.1").port(0).calledAeTitle("PEER")
                .support(DicomFiles.CR_IMAGE_STORAGE, UID.ExplicitVRLittleEndian).build(), request -> {
                    associations.add(request.association().remote());
                    return handler.begin(request);
                });
        peer.start();
    }

    private DataSetSink countingSink() {
        return new DataSetSink() {
            @Override
            public void write(byte[] buf, int off, int len) {
            }

            @Override
            public int complete() {
                stored.incrementAndGet();
                return DimseStatus.SUCCESS;
            }

            @Override
            public void abort() {
            }
        };
    }
}
