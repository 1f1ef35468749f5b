package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.NodeLimitsProfile;
import org.pacsbridge.testing.StorescpResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * routes/dicom-ingest.yaml with real dcmtk peers: storescu sends to the node, the node forwards to
 * storescp. What storescp writes must carry the sender's data set byte for byte.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(NodeLimitsProfile.class)
class DicomIngestRouteTest {

    private static final Map<String, Map<String, Object>> COMPLETED = new ConcurrentHashMap<>();

    @Inject
    CamelContext camel;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    Path tmp;

    @BeforeEach
    void requireDcmtkAndWatchTheRoute() throws Exception {
        tmp = Files.createTempDirectory("pacs-ingest-test");
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk (storescu, echoscu, storescp) not installed");
        if (camel.getManagementStrategy().getEventNotifiers().stream().noneMatch(n -> n instanceof Recorder)) {
            camel.getManagementStrategy().addEventNotifier(new Recorder());
        }
    }

    @Test
    void answersEcho() throws Exception {
        var result = Dcmtk.echoscu("ECHOSCU", aeTitle, port());
        assertTrue(result.ok(), result.output());
    }

    @Test
    void storesThreeObjectsOnOneAssociationAndForwardsThemUnchanged() throws Exception {
        Path[] files = new Path[3];
        for (int i = 0; i < files.length; i++) {
            files[i] = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC" + i, 64, 64);
        }
        var result = Dcmtk.storescu(aeTitle, port(), List.of(), files);
        assertTrue(result.ok(), result.output());

        for (Path file : files) {
            String uid = file.getFileName().toString().replace(".dcm", "");
            Path forwarded = StorescpResource.awaitReceived(uid, Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError(uid + " not forwarded to storescp"));
            assertArrayEquals(DicomFiles.dataSet(file), DicomFiles.dataSet(forwarded));
            assertEquals(aeTitle, sourceAeTitle(forwarded), "the node calls the PACS with its own AE title");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> COMPLETED.containsKey(uid));
            Map<String, Object> headers = COMPLETED.get(uid);
            assertEquals("CR", headers.get(DicomConstants.MODALITY));
            assertEquals("CHEST", headers.get(DicomConstants.BODY_PART_EXAMINED));
            assertEquals("PA", headers.get(DicomConstants.VIEW_POSITION));
            assertEquals("STORESCU", headers.get(DicomConstants.CALLING_AE_TITLE));
            assertEquals(DicomFiles.CR_IMAGE_STORAGE, headers.get(DicomConstants.SOP_CLASS_UID));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spooledCount() == 0);
    }

    @Test
    void unknownCalledAeIsRejected() throws Exception {
        var result = Dcmtk.echoscu("ECHOSCU", "SOMEONEELSE", port());
        assertTrue(!result.ok(), result.output());
        assertTrue(result.output().contains("Called AE Title Not Recognized"), result.output());
    }

    private static String sourceAeTitle(Path part10) throws Exception {
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(part10))) {
            return org.pacsbridge.dicom.Part10Reader.readFileMeta(in).sourceAeTitle();
        }
    }

    private int port() {
        return ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getLocalPort();
    }

    private long spooledCount() throws Exception {
        Path objects = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getSpool().objectsDir();
        try (Stream<Path> files = Files.list(objects)) {
            return files.count();
        }
    }

    /** Keeps the headers of every exchange the ingest route completed, by SOP Instance UID. */
    static final class Recorder extends EventNotifierSupport {
        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeCompletedEvent completed
                    && "dicom-ingest".equals(completed.getExchange().getFromRouteId())) {
                var message = completed.getExchange().getMessage();
                String uid = message.getHeader(DicomConstants.SOP_INSTANCE_UID, String.class);
                if (uid != null) {
                    COMPLETED.put(uid, Map.copyOf(message.getHeaders().entrySet().stream()
                            .filter(e -> e.getValue() != null)
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
                }
            }
        }
    }
}
