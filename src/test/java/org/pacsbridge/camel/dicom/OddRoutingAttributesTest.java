package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.AdminCredentials;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.SpoolIngest;
import org.pacsbridge.testing.TopicReader;
import org.pacsbridge.ops.DeadLetterHeaders;
import org.pacsbridge.xraydar.simulator.FaultPlan;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * Every attribute the routes read, removed or emptied in turn (dcmtk's dcmodify): each chest image
 * must end as a findings event or a dead letter within a bounded time, never wait in the spool
 * forever. An empty Patient ID (an unidentified trauma patient) once made the pseudonym throw on
 * every retry, without end. The ingest endpoint gives an object up after two attempts a second apart while these
 * tests run (set on the running endpoint, so that this class shares the default configuration's start).
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class OddRoutingAttributesTest {

    /** Attributes the ingest and CV routes read (DicomHeaders, the chest filter, the event). */
    private static final Map<String, String> ROUTING_ATTRIBUTES = new LinkedHashMap<>();

    static {
        ROUTING_ATTRIBUTES.put("(0010,0020)", "Patient ID");
        ROUTING_ATTRIBUTES.put("(0010,0021)", "Issuer of Patient ID");
        ROUTING_ATTRIBUTES.put("(0020,000d)", "Study Instance UID");
        ROUTING_ATTRIBUTES.put("(0020,000e)", "Series Instance UID");
        ROUTING_ATTRIBUTES.put("(0008,0050)", "Accession Number");
        ROUTING_ATTRIBUTES.put("(0008,0060)", "Modality");
        ROUTING_ATTRIBUTES.put("(0018,0015)", "Body Part Examined");
        ROUTING_ATTRIBUTES.put("(0018,5101)", "View Position");
        ROUTING_ATTRIBUTES.put("(0008,0008)", "Image Type");
        ROUTING_ATTRIBUTES.put("(0008,1030)", "Study Description");
        ROUTING_ATTRIBUTES.put("(0008,103e)", "Series Description");
        ROUTING_ATTRIBUTES.put("(0008,0068)", "Presentation Intent Type");
        ROUTING_ATTRIBUTES.put("(0008,0020)", "Study Date");
    }

    /** Without a modality an image is no chest radiograph: it is acknowledged and not sent, by design. */
    private static final Set<String> DECIDES_IT_IS_NO_CHEST_IMAGE = Set.of("(0008,0060)");

    @Inject
    CamelContext camel;

    @Inject
    RunningSimulator simulatorHandle;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.topic.findings-cv")
    String findingsTopic;

    @ConfigProperty(name = "pacs.topic.deadletter")
    String deadLetterTopic;

    private int maxAttemptsBefore;
    private Duration retryDelayBefore;

    @BeforeEach
    void fewAttempts() {
        DicomConfiguration conf = ingestConfiguration();
        maxAttemptsBefore = conf.getMaxAttempts();
        retryDelayBefore = conf.getRetryDelay();
        conf.setMaxAttempts(2);
        conf.setRetryDelay(Duration.ofSeconds(1));
    }

    @AfterEach
    void restoreAttempts() {
        DicomConfiguration conf = ingestConfiguration();
        conf.setMaxAttempts(maxAttemptsBefore);
        conf.setRetryDelay(retryDelayBefore);
    }

    private DicomConfiguration ingestConfiguration() {
        return ((DicomEndpoint) camel.getRoute("dicom-ingest").getEndpoint()).getConfiguration();
    }

    @Test
    void imagesThatKeepFailingAreGivenUpAsDeadLettersAfterTheirLastAttempt() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        XraydarSimulator simulator = simulatorHandle.simulator().orElseThrow();
        Path dir = Files.createTempDirectory("pacs-give-up");
        List<String> accessions = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String accession = "GU" + i + "-" + System.nanoTime();
            accessions.add(accession);
            files.add(DicomFiles.image(dir, DicomFiles.DX_CHEST, DicomFiles.newUid(), accession, 16, 16, 16));
        }
        // X-Raydar answers 503 to everything: the first image exhausts the client's retries, then the
        // circuit opens and the others fail without a call, which is no verdict, so they wait in the spool
        simulator.faults(FaultPlan.builder().failNext(100_000, 503).build());
        try {
            SpoolIngest ingest = new SpoolIngest(camel, aeTitle);
            ingest.send(files.toArray(Path[]::new));
            ingest.awaitSpoolEmpty(Duration.ofSeconds(90));
        } finally {
            simulator.clearFaults();
        }
        List<ConsumerRecord<String, String>> dead = SpoolIngest.records(deadLetterTopic);
        List<String> reasons = new ArrayList<>();
        for (String accession : accessions) {
            List<ConsumerRecord<String, String>> mine = dead.stream().filter(r -> accession.equals(r.key())).toList();
            assertEquals(1, mine.size(), "one dead letter for " + accession);
            reasons.add(TopicReader.header(mine.get(0), DeadLetterHeaders.REASON));
        }
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("retries exhausted after 2 attempts")), reasons.toString());

        // X-Raydar is back: the replay gives every image, given up or refused, exactly one event
        AdminCredentials.asAdmin().when().post("/admin/deadletters/replay").then().statusCode(200);
        Awaitility.await("one event per image after the replay").atMost(Duration.ofSeconds(90)).until(() -> {
            List<ConsumerRecord<String, String>> events = SpoolIngest.records(findingsTopic);
            return accessions.stream().allMatch(a -> events.stream().filter(r -> a.equals(r.key())).count() == 1);
        });
    }

    @Test
    void eachImageWithAnAttributeRemovedOrEmptiedEndsAsAnEventOrADeadLetter() throws Exception {
        Assumptions.assumeTrue(Dcmtk.onPath("dcmodify"), "dcmtk's dcmodify not installed");
        Path dir = Files.createTempDirectory("pacs-odd-attributes");
        Map<String, String> expected = new LinkedHashMap<>(); // SOP Instance UID -> what was done
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> attribute : ROUTING_ATTRIBUTES.entrySet()) {
            for (String change : List.of("removed", "emptied")) {
                String uid = DicomFiles.newUid();
                Path image = DicomFiles.image(dir, DicomFiles.DX_CHEST, uid, "ODD" + System.nanoTime(), 16, 16, 16);
                String[] edit = change.equals("removed") ? new String[] {"-ea", attribute.getKey()}
                        : new String[] {"-ma", attribute.getKey() + "="};
                var result = Dcmtk.run(30, "dcmodify", "-nb", "-imt", edit[0], edit[1], image.toString());
                assertTrue(result.ok(), result.output());
                files.add(image);
                if (!DECIDES_IT_IS_NO_CHEST_IMAGE.contains(attribute.getKey())) {
                    expected.put(uid, attribute.getValue() + " " + change);
                }
            }
        }
        SpoolIngest ingest = new SpoolIngest(camel, aeTitle);
        ingest.send(files.toArray(Path[]::new));
        ingest.awaitSpoolEmpty(Duration.ofSeconds(90));
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> event : SpoolIngest.records(findingsTopic)) {
            expected.keySet().stream().filter(uid -> event.value().contains("\"" + uid + "\""))
                    .forEach(uid -> outcomes.merge(uid, "event", (a, b) -> a + "+" + b));
        }
        for (ConsumerRecord<String, String> dead : SpoolIngest.records(deadLetterTopic)) {
            expected.keySet().stream().filter(uid -> dead.value() != null && dead.value().contains("\"" + uid + "\""))
                    .forEach(uid -> outcomes.merge(uid, "dead letter", (a, b) -> a + "+" + b));
        }
        List<String> wrong = new ArrayList<>();
        expected.forEach((uid, what) -> {
            String outcome = outcomes.get(uid);
            if (outcome == null || outcome.contains("+")) {
                wrong.add(what + " → " + (outcome == null ? "nothing" : outcome));
            }
        });
        assertEquals(List.of(), wrong, "each image ends as exactly one event or one dead letter");
    }
}
