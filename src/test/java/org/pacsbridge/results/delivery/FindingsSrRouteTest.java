package org.pacsbridge.results.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.ops.KafkaOffsets;
import org.pacsbridge.results.FindingsSrBuilder;
import org.pacsbridge.results.ReportingEngine;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.OrthancPeer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * routes/results-sr.yaml's sending route and {@link FindingsSrSender} against real receivers
 * (dcmtk storescp, Orthanc): the SR lands in the image's study, a resend replaces it, refusals and
 * events without a study are dead-lettered with the reason, transient failures are tried again.
 * The dead-letter route itself (Kafka) is replaced by a recorder here; DeadLetterRouteTest covers it.
 */
class FindingsSrRouteTest {

    private static final Pattern UID_TAG = Pattern.compile("\\(([0-9a-f]{4},[0-9a-f]{4})\\) UI \\[([0-9.]+)\\]");
    private static final Pattern LO_TAG = Pattern.compile("\\(0010,0020\\) LO \\[([^\\]]*)\\]");

    @TempDir
    Path tmp;

    private CamelContext camel;
    private ProducerTemplate template;
    private final TestSrSettings settings = new TestSrSettings();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Exchange> deadLetters = new CopyOnWriteArrayList<>();
    private final List<Process> peers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("pacs.topic.findings-cv", "pacs.findings.cv");
        props.setProperty("pacs.results.sr.enabled", "false");
        props.setProperty("pacs.results.sr.group-id", "results-sr-test");
        camel.getPropertiesComponent().setOverrideProperties(props);
        FindingsSrSender sender = new FindingsSrSender();
        sender.settings = new TestResultsSettings(settings, new TestHl7Settings());
        sender.registry = registry;
        sender.producer = camel.createProducerTemplate();
        camel.getRegistry().bind("findingsSrSender", sender);
        camel.getRegistry().bind("kafkaOffsets", new KafkaOffsets());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deadletter").routeId("deadletter-recorder")
                        .process(e -> deadLetters.add(e.copy()));
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/results-sr.yaml"));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        peers.forEach(Process::destroy);
    }

    @Test
    void theSrArrivesAtStorescpAndInOrthancSitsInTheImageStudy() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available() && OrthancPeer.available(), "dcmtk and Orthanc needed");
        Path image = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC-SR-1", 16, 16);
        Identity id = identity(image);
        try (OrthancPeer orthanc = OrthancPeer.builder().aeTitle("ORTHANC").start()) {
            orthanc.uploadInstance(image);
            settings.destination = "dicom:ORTHANC@127.0.0.1:" + orthanc.dicomPort();
            Exchange sent = template.send("direct:results-sr-send", e -> e.getMessage().setBody(event(id, 0.91)));

            assertEquals(null, sent.getException());
            assertEquals(List.of(), reasons());
            String srUid = sent.getMessage().getHeader(FindingsSrSender.SR_SOP_INSTANCE_UID, String.class);
            assertEquals(FindingsSrBuilder.sopInstanceUid(id.sop, new ReportingEngine("x-raydar-cv", "unspecified",
                    "X-Raydar", false)), srUid);
            List<String> studies = findStudies(orthanc, id.study);
            assertEquals(1, studies.size(), "the SR joined the image's study rather than making a new one");
            String instances = get(orthanc, "/studies/" + studies.get(0) + "/instances");
            assertTrue(instances.contains(id.sop), instances);
            assertTrue(instances.contains(srUid), instances);
        }

        int port = FreePorts.claim();
        Path received = Files.createDirectories(tmp.resolve("storescp"));
        startStorescp(port, received);
        settings.destination = "dicom:STORESCP@127.0.0.1:" + port;
        Exchange sent = template.send("direct:results-sr-send", e -> e.getMessage().setBody(event(id, 0.91)));
        assertEquals(null, sent.getException());
        try (var files = Files.list(received)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            String dump = Dcmtk.run(30, "dcmdump", all.get(0).toString()).output();
            assertTrue(dump.contains(sent.getMessage().getHeader(FindingsSrSender.SR_SOP_INSTANCE_UID, String.class)), dump);
            assertTrue(dump.contains("UNVERIFIED"), dump);
        }
        assertEquals(2.0, registry.counter("pacs_results_sr_total", "outcome", "sent").count());
    }

    @Test
    void aResendGivesTheSameSopInstanceUidAndOrthancKeepsOneSr() throws Exception {
        Assumptions.assumeTrue(OrthancPeer.available(), "Orthanc needed");
        Path image = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC-SR-2", 16, 16);
        Identity id = identity(image);
        try (OrthancPeer orthanc = OrthancPeer.builder().aeTitle("ORTHANC").start()) {
            orthanc.uploadInstance(image);
            settings.destination = "dicom:ORTHANC@127.0.0.1:" + orthanc.dicomPort();
            Exchange first = template.send("direct:results-sr-send", e -> e.getMessage().setBody(event(id, 0.91)));
            // the same image's event again (a consumer that crashed before its commit, a replay): new event id, later time
            Exchange second = template.send("direct:results-sr-send", e -> e.getMessage().setBody(event(id, 0.91)));

            assertEquals(null, first.getException());
            assertEquals(null, second.getException());
            String uid = first.getMessage().getHeader(FindingsSrSender.SR_SOP_INSTANCE_UID, String.class);
            assertEquals(uid, second.getMessage().getHeader(FindingsSrSender.SR_SOP_INSTANCE_UID, String.class));
            List<String> studies = findStudies(orthanc, id.study);
            assertEquals(1, studies.size());
            String instances = get(orthanc, "/studies/" + studies.get(0) + "/instances");
            assertEquals(2, count(instances, "\"SOPInstanceUID\""), "image and one SR: " + instances);
        }
    }

    @Test
    void aRefusingPeerDeadLettersTheEventReplayablyWithoutRetrying() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk needed");
        Path image = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC-SR-3", 16, 16);
        Identity id = identity(image);
        int port = FreePorts.claim();
        startStorescp(port, Files.createDirectories(tmp.resolve("refusing")), "--refuse");
        settings.destination = "dicom:STORESCP@127.0.0.1:" + port;
        settings.initialBackoff = Duration.ofSeconds(5);
        String event = event(id, 0.42);

        long startedAt = System.nanoTime();
        Exchange sent = template.send("direct:results-sr-send", e -> e.getMessage().setBody(event));
        long tookMs = (System.nanoTime() - startedAt) / 1_000_000;

        assertEquals(null, sent.getException(), "handled: dead-lettered");
        assertTrue(tookMs < 5000, "a refusal is not retried (took " + tookMs + " ms)");
        assertEquals(1, deadLetters.size());
        Exchange dead = deadLetters.get(0);
        assertEquals(event, dead.getMessage().getBody(String.class), "the event itself, for a replay");
        assertEquals("results-sr-send", dead.getMessage().getHeader("pacs.dlq.replay-route"));
        assertTrue(dead.getMessage().getHeader("pacs.dlq.reason", String.class).startsWith("findings SR not stored: "),
                dead.getMessage().getHeader("pacs.dlq.reason", String.class));
        assertEquals(1.0, registry.counter("pacs_results_sr_total", "outcome", "failed").count());
        String deadUid = dead.getMessage().getHeader(FindingsSrSender.SR_SOP_INSTANCE_UID, String.class);

        // the cause fixed, the replay sends the same SR
        int goodPort = FreePorts.claim();
        Path received = Files.createDirectories(tmp.resolve("good"));
        startStorescp(goodPort, received);
        settings.destination = "dicom:STORESCP@127.0.0.1:" + goodPort;
        Exchange replayed = template.send("direct:results-sr-send",
                e -> e.getMessage().setBody(dead.getMessage().getBody(String.class)));
        assertEquals(null, replayed.getException());
        assertEquals(deadUid, replayed.getMessage().getHeader(FindingsSrSender.SR_SOP_INSTANCE_UID, String.class));
        try (var files = Files.list(received)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void anEventWithoutStudyInstanceUidIsDeadLetteredWithTheReason() throws Exception {
        settings.destination = "dicom:NOBODY@127.0.0.1:" + FreePorts.claim();
        String event = """
                {"schema":"pacs-bridge.findings/v1","source":"cv","study":{"accessionNumber":"ACC-SR-4"},
                 "image":{"seriesInstanceUid":"1.2.3.4","sopInstanceUid":"1.2.3.5","sopClassUid":"1.2.840.10008.5.1.4.1.1.1"},
                 "urgency":"normal","findings":[],"engine":{"name":"x-raydar-cv","simulated":false}}""";
        template.send("direct:results-sr-send", e -> e.getMessage().setBody(event));
        assertEquals(1, deadLetters.size());
        String reason = deadLetters.get(0).getMessage().getHeader("pacs.dlq.reason", String.class);
        assertTrue(reason.contains("Study Instance UID"), reason);
    }

    @Test
    void aReplayWhileNoDestinationIsSetIsDeadLetteredAgain() throws Exception {
        settings.destination = null;
        Identity id = new Identity("2.25.71", "2.25.72", "2.25.73", DicomFiles.CR_IMAGE_STORAGE, "P-7");
        Exchange sent = template.send("direct:results-sr-send", e -> e.getMessage().setBody(event(id, 0.3)));
        assertEquals(null, sent.getException());
        assertEquals(List.of("findings SR not stored: pacs.results.sr.destination is not set"), reasons());
    }

    @Test
    void aTransientFailureIsTriedAgainUntilThePeerIsBack() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk needed");
        Path image = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC-SR-5", 16, 16);
        Identity id = identity(image);
        int port = FreePorts.claim();
        Path received = Files.createDirectories(tmp.resolve("late"));
        settings.destination = "dicom:STORESCP@127.0.0.1:" + port;
        settings.initialBackoff = Duration.ofMillis(800);
        settings.maxAttempts = 6;
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(600);
                startStorescp(port, received);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        later.start();
        Exchange sent = template.send("direct:results-sr-send", e -> e.getMessage().setBody(event(id, 0.7)));
        later.join();
        assertEquals(null, sent.getException());
        assertEquals(List.of(), reasons());
        try (var files = Files.list(received)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aPeerThatStaysDownIsDeadLetteredAfterTheLastAttempt() throws Exception {
        Path image = DicomFiles.chestRadiograph(tmp, DicomFiles.newUid(), "ACC-SR-6", 16, 16);
        Identity id = identity(image);
        settings.destination = "dicom:NOBODY@127.0.0.1:" + FreePorts.claim();
        settings.initialBackoff = Duration.ofMillis(200);
        settings.maxAttempts = 3;
        long startedAt = System.nanoTime();
        template.send("direct:results-sr-send", e -> e.getMessage().setBody(event(id, 0.7)));
        long tookMs = (System.nanoTime() - startedAt) / 1_000_000;
        assertEquals(1, deadLetters.size());
        // waits after attempts 1 and 2: at least half of 200 ms and of 400 ms (jitter 0.5)
        assertTrue(tookMs >= 300, "tried again with backoff (took " + tookMs + " ms): " + reasons());
    }

    private void startStorescp(int port, Path dir, String... options) throws IOException, InterruptedException {
        Process p = Dcmtk.startStorescp("STORESCP", port, dir, tmp.resolve("storescp-" + port + ".log"), options);
        peers.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("storescp did not listen on " + port);
    }

    private record Identity(String study, String series, String sop, String sopClass, String patientId) {
    }

    private static Identity identity(Path image) throws Exception {
        String dump = Dcmtk.run(30, "dcmdump", "-M", image.toString()).output();
        java.util.Map<String, String> uids = new java.util.HashMap<>();
        Matcher m = UID_TAG.matcher(dump);
        while (m.find()) {
            uids.putIfAbsent(m.group(1), m.group(2));
        }
        Matcher pid = LO_TAG.matcher(dump);
        return new Identity(uids.get("0020,000d"), uids.get("0020,000e"), uids.get("0008,0018"), DicomFiles.CR_IMAGE_STORAGE,
                pid.find() ? pid.group(1) : null);
    }

    /** A CV findings event as routes/xraydar-cv.yaml publishes it (FindingsEventBuilder's shape). */
    private static String event(Identity id, double probability) {
        return "{\"schema\":\"pacs-bridge.findings/v1\",\"schemaVersion\":\"1.1\",\"eventId\":\"" + java.util.UUID.randomUUID()
                + "\",\"source\":\"cv\",\"study\":{\"accessionNumber\":\"ACC\",\"studyInstanceUid\":\"" + id.study + "\""
                + (id.patientId == null ? "" : ",\"patientId\":\"" + id.patientId + "\"")
                + "},\"image\":{\"seriesInstanceUid\":\"" + id.series + "\",\"sopInstanceUid\":\"" + id.sop
                + "\",\"sopClassUid\":\"" + id.sopClass + "\",\"modality\":\"CR\"},"
                + "\"urgency\":\"urgent\",\"urgencySource\":\"model\",\"findings\":["
                + "{\"code\":\"pneumothorax\",\"label\":\"Pneumothorax\",\"probability\":" + probability
                + ",\"threshold\":0.5,\"positive\":" + (probability >= 0.5) + "},"
                + "{\"code\":\"cardiomegaly\",\"label\":\"Cardiomegaly\",\"probability\":0.1,\"threshold\":0.5,\"positive\":false}],"
                + "\"engine\":{\"name\":\"x-raydar-cv\",\"baseUrl\":\"https://x-raydar.invalid/api/cv\",\"simulated\":false},"
                + "\"timing\":{\"completedAt\":\"" + java.time.Instant.now() + "\"}}";
    }

    private static List<String> findStudies(OrthancPeer orthanc, String studyUid) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(orthanc.baseUri() + "/tools/find"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"Level\":\"Study\",\"Query\":{\"StudyInstanceUID\":\"" + studyUid + "\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"([0-9a-f-]+)\"").matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String get(OrthancPeer orthanc, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(orthanc.baseUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private List<String> reasons() {
        return deadLetters.stream().map(e -> e.getMessage().getHeader("pacs.dlq.reason", String.class)).toList();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
