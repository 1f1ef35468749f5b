package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.Association;
import org.pacsbridge.dicom.net.DicomClientConfig;
import org.pacsbridge.dicom.net.DicomServer;
import org.pacsbridge.dicom.net.DicomServerConfig;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.PresentationContextRequest;
import org.pacsbridge.ops.DeadLetterHeaders;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.NodeLimitsProfile;
import org.pacsbridge.testing.TopicReader;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A PACS that refuses the node for good (here: it does not answer to the AE title the node calls):
 * the object is not retried forever but kept in the spool's failed/ directory, and a reference to
 * it lands on the dead-letter topic of the real broker.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
// the node forwards to storescp there; this test points the forward at a refusing PACS of its own while it runs
@TestProfile(NodeLimitsProfile.class)
class DicomForwardRefusedTest {

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "pacs.topic.deadletter")
    String deadLetterTopic;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    private DicomServer refusingPacs;
    private String forwardUri;

    @BeforeEach
    void forwardToARefusingPacs() throws IOException {
        forwardUri = camel.getPropertiesComponent().resolveProperty("pacs.forward.uri").orElseThrow();
        refusingPacs = refusingPacs();
        // the route resolves ${properties:pacs.forward.uri} for every object
        camel.getPropertiesComponent().addOverrideProperty("pacs.forward.uri",
                "dicom:NOTPACS@127.0.0.1:" + refusingPacs.localPort());
    }

    @AfterEach
    void forwardAsConfigured() {
        camel.getPropertiesComponent().addOverrideProperty("pacs.forward.uri", forwardUri);
        if (refusingPacs != null) {
            refusingPacs.close();
        }
    }

    @Test
    void aPermanentRefusalDeadLettersAReferenceAndKeepsTheObject() throws Exception {
        Path dir = Files.createTempDirectory("pacs-refused");
        Path file = DicomFiles.chestRadiograph(dir, DicomFiles.newUid(), "ACC-REFUSED", 16, 16);
        String uid = file.getFileName().toString().replace(".dcm", "");
        int port = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getLocalPort();
        try (Association association = Association.open(DicomClientConfig.builder().callingAeTitle("MODALITY")
                .calledAeTitle(aeTitle).host("127.0.0.1").port(port).build(),
                List.of(new PresentationContextRequest(DicomFiles.CR_IMAGE_STORAGE, List.of(UID.ExplicitVRLittleEndian))))) {
            assertEquals(DimseStatus.SUCCESS, association.store(file));
            association.release();
        }

        var record = TopicReader.readUntil(KafkaBrokerResource.bootstrapServers(), deadLetterTopic,
                r -> r.value().contains(uid), Duration.ofSeconds(30)).stream()
                .filter(r -> r.value().contains(uid)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + uid));
        assertEquals("ACC-REFUSED", record.key());
        assertTrue(TopicReader.header(record, DeadLetterHeaders.REASON).startsWith("forward refused for good"),
                TopicReader.header(record, DeadLetterHeaders.REASON));
        Map<?, ?> reference = new ObjectMapper().readValue(record.value(), Map.class);
        assertEquals(uid, reference.get("sopInstanceUid"));
        assertNull(reference.get("file"), "a dead letter names no path");
        assertNotNull(reference.get("node"));
        Path objects = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getSpool().objectsDir();
        Path kept = objects.getParent().resolve("failed").resolve(uid + "." + reference.get("deadLetterId") + ".dcm");
        assertEquals(DicomFiles.dataSet(file).length, DicomFiles.dataSet(kept).length);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(objects.resolve(uid + ".dcm")));
    }

    /** A Storage SCP that answers only to "PACS"; the node is made to call it "NOTPACS". */
    private static DicomServer refusingPacs() throws IOException {
        DicomServer server = new DicomServer(DicomServerConfig.builder().bindHost("127.0.0.1").port(0)
                .calledAeTitle("PACS").support(DicomFiles.CR_IMAGE_STORAGE, UID.ExplicitVRLittleEndian).build(),
                request -> {
                    throw new AssertionError("nothing may be stored here");
                });
        server.start();
        return server;
    }
}
