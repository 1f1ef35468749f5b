package org.pacsbridge.camel.dicom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.NodeLimitsProfile;
import org.pacsbridge.testing.Simulators;
import org.pacsbridge.testing.SpoolDiskFiller;
import org.pacsbridge.testing.TmpfsSpoolResource;
import org.pacsbridge.testing.TopicReader;
import org.pacsbridge.xraydar.simulator.FaultPlan;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * The spool's disk fills during ingest, on a real 64 MiB tmpfs: past the watermark the SCP answers
 * A700, readiness 'intake' goes DOWN, nothing partial is left in the spool; once space is freed
 * the refused images are taken and every acknowledged image yields exactly one findings event.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(NodeLimitsProfile.class)
class SpoolWatermarkTest {

    private static final int IMAGES = 24;
    /** Room left above the watermark before the images come: about 8 of the 512 KiB images. */
    private static final long HEADROOM = 4L << 20;

    @Inject
    CamelContext camel;

    @Inject
    RunningSimulator simulatorHandle;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.topic.findings-cv")
    String findingsTopic;

    private final SpoolDiskFiller disk = new SpoolDiskFiller();
    private String lastOutput = "";

    @AfterEach
    void cleanUp() throws Exception {
        Simulators.clearFaults(simulatorHandle);
        disk.close();
    }

    @Test
    void belowTheWatermarkCStoreIsRefusedWithA700AndIngestResumesOnceSpaceIsFreed() throws Exception {
        Assumptions.assumeTrue(TmpfsSpoolResource.mounted(), TmpfsSpoolResource.whyNotMounted());
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        DicomConsumer consumer = (DicomConsumer) camel.getRoute("dicom-ingest").getConsumer();
        Path objects = consumer.getSpool().objectsDir();
        Path incoming = objects.resolveSibling("incoming");
        assertTrue(objects.startsWith(TmpfsSpoolResource.mountPoint()), "the spool is on the tmpfs: " + objects);

        String accession = "WM" + System.nanoTime();
        Path dir = Files.createTempDirectory("pacs-watermark");
        List<Path> files = new ArrayList<>();
        Map<Path, String> sopByFile = new HashMap<>();
        for (int i = 0; i < IMAGES; i++) {
            String sop = DicomFiles.newUid();
            Path file = DicomFiles.image(Files.createDirectories(dir.resolve("i" + i)), DicomFiles.DX_CHEST, sop,
                    accession, 512, 512, 16);
            files.add(file);
            sopByFile.put(file, sop);
        }

        // X-Raydar answers slowly (within the test profile's 2 s read timeout), so acknowledged
        // images stay in the spool while the disk fills
        XraydarSimulator simulator = simulatorHandle.simulator().orElseThrow();
        simulator.faults(FaultPlan.builder().latency(Duration.ofMillis(1500)).build());
        disk.fillTo(TmpfsSpoolResource.WATERMARK + HEADROOM);

        Map<String, String> first = send(files, sopByFile);
        List<String> accepted = first.entrySet().stream().filter(e -> "Success".equals(e.getValue()))
                .map(Map.Entry::getKey).toList();
        List<Path> refused = files.stream().filter(f -> !"Success".equals(first.get(sopByFile.get(f)))).toList();
        assertTrue(accepted.size() >= 2 && accepted.size() < IMAGES, "some accepted before the watermark: " + first);
        // storescu stops sending after a refusal: the first refused image carries A700, the rest were not sent
        String firstRefusal = first.get(sopByFile.get(refused.get(0)));
        assertTrue(firstRefusal.contains("OutOfResources"), "refused with A700 (out of resources), not "
                + firstRefusal + "\n" + lastOutput);
        for (Path file : refused.subList(1, refused.size())) {
            String status = first.get(sopByFile.get(file));
            assertTrue(status.contains("OutOfResources") || status.equals("no response"),
                    "refused with A700 or not sent, not " + status + "\n" + lastOutput);
        }

        // below the watermark: readiness DOWN, while the spool holds only complete objects. The
        // images in the spool drain meanwhile; a second filler keeps the disk below the watermark
        // by more than they take, so the readiness answer does not race with them.
        assertTrue(consumer.getSpool().belowWatermark(), "the spool is below its watermark");
        assertSpoolHoldsOnlyCompleteObjects(objects, incoming, files, sopByFile);
        disk.fillTo(TmpfsSpoolResource.WATERMARK - 2 * HEADROOM);
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'intake' }.status", org.hamcrest.Matchers.equalTo("DOWN"));

        // space freed: intake ready again and the refused images are taken
        disk.close();
        simulator.clearFaults();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !consumer.getSpool().belowWatermark());
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'intake' }.status", org.hamcrest.Matchers.equalTo("UP"));
        Map<String, String> second = send(refused, sopByFile);
        assertTrue(second.values().stream().allMatch("Success"::equals), "resent after freeing space: " + second);

        // exactly one findings event per acknowledged image
        List<String> sops = List.copyOf(sopByFile.values());
        Map<String, Long> events = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !events.keySet().containsAll(sops)) {
            Thread.sleep(200);
            events = eventsBySop(accession);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> isEmpty(objects) && isEmpty(incoming));
        // nothing is left in the spool to publish; a retry already under way would end within the
        // retry delay (2 s in tests)
        Thread.sleep(3000);
        events = eventsBySop(accession);
        Map<String, Long> finalEvents = events;
        assertEquals(List.of(), sops.stream().filter(s -> !finalEvents.containsKey(s)).toList(),
                "acknowledged images without a findings event");
        assertTrue(events.values().stream().allMatch(n -> n == 1), "one event per image: " + events);
    }

    /** Every object in the spool is a complete Part 10 file of one of the images sent; no temp leftovers. */
    private static void assertSpoolHoldsOnlyCompleteObjects(Path objects, Path incoming, List<Path> files,
            Map<Path, String> sopByFile) throws Exception {
        Map<String, Path> fileBySop = new HashMap<>();
        files.forEach(f -> fileBySop.put(sopByFile.get(f), f));
        try (var listing = Files.list(objects)) {
            for (Path spooled : listing.filter(p -> p.toString().endsWith(".dcm")).toList()) {
                FileMeta meta;
                byte[] dataSet;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(spooled))) {
                    meta = Part10Reader.readFileMeta(in);
                    dataSet = in.readAllBytes();
                } catch (NoSuchFileException processedMeanwhile) {
                    continue;
                }
                Path original = fileBySop.get(meta.mediaStorageSopInstanceUid());
                assertTrue(original != null, "a spooled object of this test: " + spooled);
                assertEquals(meta.mediaStorageSopInstanceUid() + ".dcm", spooled.getFileName().toString());
                assertArrayEquals(DicomFiles.dataSet(original), dataSet, "the spooled data set is complete: " + spooled);
            }
        }
        assertTrue(isEmpty(incoming), "no partial object left in incoming/");
    }

    private Map<String, String> send(List<Path> batch, Map<Path, String> sopByFile) throws Exception {
        int port = ((DicomConsumer) camel.getRoute("dicom-ingest").getConsumer()).getLocalPort();
        Dcmtk.Result result = Dcmtk.storescu(aeTitle, port, List.of("-v"), batch.toArray(Path[]::new));
        lastOutput = result.output();
        List<String> statuses = Dcmtk.storeStatuses(result.output(), batch.size());
        Map<String, String> status = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            status.put(sopByFile.get(batch.get(i)), statuses.get(i));
        }
        return status;
    }

    private Map<String, Long> eventsBySop(String accession) {
        Map<String, Long> events = new HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.readAll(KafkaBrokerResource.bootstrapServers(),
                findingsTopic)) {
            if (accession.equals(record.key())) {
                events.merge(TopicReader.header(record, "pacs.correlation-id"), 1L, Long::sum);
            }
        }
        return events;
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (var listing = Files.list(dir)) {
            return listing.findAny().isEmpty();
        }
    }
}
