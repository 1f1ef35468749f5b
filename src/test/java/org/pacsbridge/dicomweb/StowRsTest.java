package org.pacsbridge.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.camel.dicom.DicomConsumer;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.testing.AdminCredentials;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.NodeLimitsProfile;
import org.pacsbridge.testing.OrthancPeer;
import org.pacsbridge.testing.SpoolDiskFiller;
import org.pacsbridge.testing.TmpfsSpoolResource;
import org.pacsbridge.testing.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * STOW-RS with curl and hand-built multipart/related bodies: the Store Instances Response for stored and failed
 * instances, the media type, size limits and log-in, the refusal below the spool's free-space watermark, and that
 * an instance stored this way ends as one findings event, also when it came by C-STORE as well.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(NodeLimitsProfile.class)
class StowRsTest {

    private static final String BOUNDARY = "stow-test-boundary-7f3a";
    private static final String MULTIPART = "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/dicomweb/studies")
    URL studies;

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "pacs.dicom.ae-title")
    String aeTitle;

    @ConfigProperty(name = "pacs.topic.findings-cv")
    String findingsTopic;

    Path tmp;

    @BeforeEach
    void requireCurl() throws Exception {
        Assumptions.assumeTrue(Dcmtk.onPath("curl"), "curl not installed");
        tmp = Files.createTempDirectory("pacs-stow-test");
    }

    @Test
    void storesTwoInstancesAndListsThemInReferencedSopSequence() throws Exception {
        String first = DicomFiles.newUid();
        String second = DicomFiles.newUid();
        Path body = multipart(dicomPart(image(first, "ST1")), dicomPart(image(second, "ST1")));
        Answer answer = stow(studies.toString(), body, MULTIPART, basic());
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/dicom+json"), answer.contentType());
        JsonNode response = JSON.readTree(answer.body());
        assertEquals(List.of(first, second), referenced(response));
        JsonNode item = response.get("00081199").get("Value").get(0);
        assertEquals(DicomFiles.DX_FOR_PRESENTATION, item.get("00081150").get("Value").get(0).asText());
        assertFalse(response.has("00081198"), "no failures: " + answer.body());
    }

    @Test
    void answersXmlWhenAskedFor() throws Exception {
        String sop = DicomFiles.newUid();
        Answer answer = stow(studies.toString(), multipart(dicomPart(image(sop, "ST2"))), MULTIPART, basic(),
                "-H", "Accept: application/dicom+xml");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/dicom+xml"), answer.contentType());
        assertTrue(answer.body().contains("<DicomAttribute tag=\"00081199\" vr=\"SQ\""), answer.body());
        assertTrue(answer.body().contains("<Value number=\"1\">" + sop + "</Value>"), answer.body());
    }

    @Test
    void aPartThatIsNoDicomFailsAndTheOtherIsStored() throws Exception {
        String good = DicomFiles.newUid();
        Path body = multipart(part("application/dicom", "this is no DICOM file".getBytes(StandardCharsets.US_ASCII)),
                dicomPart(image(good, "ST3")));
        Answer answer = stow(studies.toString(), body, MULTIPART, basic());
        assertEquals(202, answer.status(), answer.body());
        JsonNode response = JSON.readTree(answer.body());
        assertEquals(List.of(good), referenced(response));
        JsonNode failed = response.get("00081198").get("Value");
        assertEquals(1, failed.size(), answer.body());
        assertEquals(0xC000, failed.get(0).get("00081197").get("Value").get(0).asInt());
        assertEquals("US", failed.get(0).get("00081197").get("vr").asText());
    }

    @Test
    void whenEveryPartFailsTheAnswerIs409() throws Exception {
        Path body = multipart(part("application/dicom", new byte[300]), part("text/plain", "hello".getBytes(StandardCharsets.US_ASCII)));
        Answer answer = stow(studies.toString(), body, MULTIPART, basic());
        assertEquals(409, answer.status(), answer.body());
        assertEquals(2, JSON.readTree(answer.body()).get("00081198").get("Value").size(), answer.body());
    }

    @Test
    void anotherMediaTypeIs415() throws Exception {
        Path file = image(DicomFiles.newUid(), "ST4");
        assertEquals(415, stow(studies.toString(), file, "application/dicom", basic()).status());
        assertEquals(415, stow(studies.toString(), multipart(dicomPart(file)),
                "multipart/related; type=\"application/dicom+json\"; boundary=" + BOUNDARY, basic()).status());
        assertEquals(415, stow(studies.toString(), multipart(dicomPart(file)), "multipart/related", basic()).status());
    }

    @Test
    void anInstanceOfAnotherStudyThanTheUrlsFails() throws Exception {
        String sop = DicomFiles.newUid();
        Path file = image(sop, "ST5");
        Answer wrong = stow(studies + "/" + DicomFiles.newUid(), multipart(dicomPart(file)), MULTIPART, basic());
        assertEquals(409, wrong.status(), wrong.body());
        JsonNode failed = JSON.readTree(wrong.body()).get("00081198").get("Value").get(0);
        assertEquals(sop, failed.get("00081155").get("Value").get(0).asText());
        assertEquals(0xA900, failed.get("00081197").get("Value").get(0).asInt());

        Answer right = stow(studies + "/" + studyOf(file), multipart(dicomPart(file)), MULTIPART, basic());
        assertEquals(200, right.status(), right.body());
        assertEquals(List.of(sop), referenced(JSON.readTree(right.body())));
    }

    @Test
    void anInstanceOverTheLimitIs413AndNothingOfItIsSpooled() throws Exception {
        long limit = 4L << 20;
        Path body = multipart(part("application/dicom", new byte[(int) limit + 1]));
        Answer answer = stow(studies.toString(), body, MULTIPART, basic());
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.body().contains("pacs.stow.max-instance-size"), answer.body());
        assertIncomingEmpty();
    }

    @Test
    void aRequestOverTheLimitIs413BeforeItsBodyIsRead() throws Exception {
        Path body = tmp.resolve("large.bin");
        try (OutputStream out = Files.newOutputStream(body)) {
            out.write(new byte[(16 << 20) + 1]);
        }
        Answer answer = stow(studies.toString(), body, MULTIPART, basic());
        assertEquals(413, answer.status(), answer.body());
    }

    /**
     * A chunked body (no Content-Length) far larger than the heap could take whole: the answer comes once the
     * instance passes its limit, from the parser that streams it, while curl is still sending.
     */
    @Test
    void aChunkedBodyIsRefusedWhileItStreams() throws Exception {
        long total = Runtime.getRuntime().maxMemory() + (1L << 30); // more than this JVM's heap
        Path out = tmp.resolve("answer");
        Process curl = new ProcessBuilder(List.of("curl", "-s", "-o", out.toString(), "-w", "%{http_code}",
                "-X", "POST", "-T", "-", "-H", "Transfer-Encoding: chunked", "-H", "Content-Type: " + MULTIPART,
                "-u", AdminCredentials.USER + ":" + AdminCredentials.PASSWORD, studies.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long written = 0;
        try (OutputStream stdin = curl.getOutputStream()) {
            stdin.write(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 20];
            while (written < total && curl.isAlive()) {
                stdin.write(block);
                written += block.length;
            }
        } catch (IOException pipeClosed) {
            // curl stopped sending once it had the answer
        }
        assertTrue(curl.waitFor(60, TimeUnit.SECONDS), "curl ended");
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals("413", status, Files.exists(out) ? Files.readString(out) : "no answer");
        assertTrue(Files.readString(out).contains("pacs.stow.max-instance-size"), Files.readString(out));
        assertTrue(written < total, "the answer came before the body was sent: " + written + " bytes written");
        assertIncomingEmpty();
    }

    /**
     * On the spool's tmpfs (SpoolWatermarkTest's, in this application too), brought below the watermark: the
     * request is refused as a whole and leaves nothing; once space is freed the same request is stored.
     */
    @Test
    void belowTheSpoolWatermarkTheAnswerIs503WithRetryAfterAndOnceSpaceIsFreedTheSameRequestIsStored()
            throws Exception {
        Assumptions.assumeTrue(TmpfsSpoolResource.mounted(), TmpfsSpoolResource.whyNotMounted());
        String accession = "STOWWM" + System.nanoTime();
        String sop = DicomFiles.newUid();
        Path body = multipart(dicomPart(image(sop, accession)));
        Path headers = tmp.resolve("headers.txt");

        try (SpoolDiskFiller disk = new SpoolDiskFiller()) {
            // well below, so that objects of earlier tests draining from the spool do not lift it above
            disk.fillTo(TmpfsSpoolResource.WATERMARK - (4L << 20));
            assertTrue(consumer().getSpool().belowWatermark(), "the spool is below its watermark");
            Answer refused = stow(studies.toString(), body, MULTIPART, basic(), "-D", headers.toString());
            assertEquals(503, refused.status(), refused.body());
            assertEquals(StowResource.RETRY_AFTER_SECONDS, header(headers, "Retry-After"), Files.readString(headers));
            assertFalse(consumer().getSpool().contains(sop), "the refused instance is not in objects/");
            assertIncomingEmpty();
            assertTheConnectionEndsAfterTheAnswer503();
            // an instance in the spool would be published within this time (retry delay 2 s in tests)
            Thread.sleep(3000);
            assertEquals(Map.of(), events(accession), "no findings event of the refused request");
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !consumer().getSpool().belowWatermark());
        Answer stored = stow(studies.toString(), body, MULTIPART, basic());
        assertEquals(200, stored.status(), stored.body());
        assertEquals(List.of(sop), referenced(JSON.readTree(stored.body())));
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> events(accession).containsKey(sop));
        Thread.sleep(3000);
        assertEquals(Map.of(sop, 1L), events(accession));
    }

    /**
     * A sender that does not wait for 100-continue (curl does, and stops at the 503) streams its body anyway: the
     * node must close the connection after the 503 rather than read and discard an endless chunked body.
     */
    private void assertTheConnectionEndsAfterTheAnswer503() throws IOException {
        long limit = 256L << 20;
        long written = 0;
        String credentials = Base64.getEncoder().encodeToString(
                (AdminCredentials.USER + ":" + AdminCredentials.PASSWORD).getBytes(StandardCharsets.UTF_8));
        byte[] chunk = new byte[1 << 16];
        byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunkEnd = "\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(studies.getHost(), studies.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + studies.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + MULTIPART
                    + "\r\nAuthorization: Basic " + credentials + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 503", answer, "the answer, sent before any of the body");
            try {
                while (written < limit) {
                    out.write(chunkHead);
                    out.write(chunk);
                    out.write(chunkEnd);
                    written += chunk.length;
                }
            } catch (IOException closedByTheNode) {
                // what a bounded node does once it has answered
            }
        }
        assertTrue(written < limit, "the node stopped taking the body after its 503: " + written + " bytes sent");
    }

    @Test
    void withoutCredentialsTheAnswerIs401AndTheBearerTokenIsTaken() throws Exception {
        Path body = multipart(dicomPart(image(DicomFiles.newUid(), "ST6")));
        Answer anonymous = stow(studies.toString(), body, MULTIPART, List.of());
        assertEquals(401, anonymous.status(), anonymous.body());
        Answer wrongToken = stow(studies.toString(), body, MULTIPART, List.of("-H", "Authorization: Bearer nope"));
        assertEquals(401, wrongToken.status(), wrongToken.body());
        Answer token = stow(studies.toString(), body, MULTIPART,
                List.of("-H", "Authorization: Bearer " + NodeLimitsProfile.STOW_TOKEN));
        assertEquals(200, token.status(), token.body());
    }

    @Test
    void aChestRadiographStoredByStowRsAndByCStoreIsOneFindingsEvent() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk not installed");
        String accession = "STOW" + System.nanoTime();
        String viaStow = DicomFiles.newUid();
        String viaBoth = DicomFiles.newUid();
        Path stowOnly = image(viaStow, accession);
        Path both = image(viaBoth, accession);

        Answer answer = stow(studies.toString(), multipart(dicomPart(stowOnly)), MULTIPART, basic());
        assertEquals(200, answer.status(), answer.body());
        var cstore = Dcmtk.storescu(aeTitle, consumer().getLocalPort(), List.of(), both);
        assertTrue(cstore.ok(), cstore.output());
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> events(accession).keySet().containsAll(List.of(viaStow, viaBoth)));
        answer = stow(studies.toString(), multipart(dicomPart(both)), MULTIPART, basic());
        assertEquals(200, answer.status(), answer.body());

        // the resent copy has run through the route (and left the spool); a retry would come within 2 s
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !consumer().getSpool().contains(viaBoth));
        Thread.sleep(3000);
        assertEquals(Map.of(viaStow, 1L, viaBoth, 1L), events(accession));
    }

    /** Orthanc's DICOMweb plugin, a STOW-RS client of the ecosystem, pushes a chest radiograph: one event. */
    @Test
    void orthancPushesWithStowRs() throws Exception {
        Assumptions.assumeTrue(OrthancPeer.available() && OrthancPeer.dicomWebAvailable(),
                "Orthanc or its DICOMweb plugin (orthanc-dicomweb) not installed");
        String accession = "ORTHSTOW" + System.nanoTime();
        String sop = DicomFiles.newUid();
        String root = studies.toString().substring(0, studies.toString().length() - "studies".length());
        String answer;
        try (OrthancPeer orthanc = OrthancPeer.builder()
                .dicomWebServer("bridge", root, AdminCredentials.USER, AdminCredentials.PASSWORD).start()) {
            String id = orthanc.uploadInstance(image(sop, accession));
            // fails when the plugin reports an error, e.g. an answer other than 200
            answer = orthanc.stowToServer("bridge", List.of(id));
        }
        Awaitility.await("findings event of the instance Orthanc sent (its answer: " + answer + ")")
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> events(accession).containsKey(sop));
        Thread.sleep(3000);
        assertEquals(Map.of(sop, 1L), events(accession));
    }

    private Map<String, Long> events(String accession) {
        Map<String, Long> events = new HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.readAll(KafkaBrokerResource.bootstrapServers(),
                findingsTopic)) {
            if (accession.equals(record.key())) {
                events.merge(TopicReader.header(record, "pacs.correlation-id"), 1L, Long::sum);
            }
        }
        return events;
    }

    private DicomConsumer consumer() {
        return (DicomConsumer) camel.getRoute(StowResource.DICOM_ROUTE).getConsumer();
    }

    private void assertIncomingEmpty() throws IOException {
        Path incoming = consumer().getSpool().objectsDir().resolveSibling("incoming");
        try (var files = Files.list(incoming)) {
            assertEquals(List.of(), files.toList(), "nothing partial left in the spool");
        }
    }

    /** The value of a header in a file curl wrote with -D, or null. */
    private static String header(Path headers, String name) throws IOException {
        for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static List<String> referenced(JsonNode response) {
        List<String> uids = new ArrayList<>();
        response.get("00081199").get("Value").forEach(item -> uids.add(item.get("00081155").get("Value").get(0).asText()));
        return uids;
    }

    private Path image(String sop, String accession) throws IOException {
        return DicomFiles.image(Files.createDirectories(tmp.resolve(sop)), DicomFiles.DX_CHEST, sop, accession, 128, 128, 16);
    }

    private static String studyOf(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            return DataSetReader.read(in, TransferSyntax.ofAssumingEncapsulated(meta.transferSyntaxUid())).studyInstanceUid();
        }
    }

    private static byte[] dicomPart(Path file) throws IOException {
        return part("application/dicom", Files.readAllBytes(file));
    }

    private static byte[] part(String contentType, byte[] content) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private Path multipart(byte[]... parts) throws IOException {
        Path body = Files.createTempFile(tmp, "body", ".bin");
        try (OutputStream out = Files.newOutputStream(body)) {
            for (byte[] part : parts) {
                out.write(part);
            }
            out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return body;
    }

    private static List<String> basic() {
        return List.of("-u", AdminCredentials.USER + ":" + AdminCredentials.PASSWORD);
    }

    record Answer(int status, String contentType, String body) {
    }

    private Answer stow(String url, Path body, String contentType, List<String> auth, String... extra)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "answer", ".txt");
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", out.toString(), "-w",
                "%{http_code} %{content_type}", "-X", "POST", "-H", "Content-Type: " + contentType,
                "--data-binary", "@" + body));
        command.addAll(auth);
        command.addAll(List.of(extra));
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String written = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(curl.waitFor(120, TimeUnit.SECONDS), "curl ended");
        String[] statusAndType = written.split(" ", 2);
        return new Answer(Integer.parseInt(statusAndType[0]), statusAndType.length > 1 ? statusAndType[1] : "",
                Files.readString(out, StandardCharsets.ISO_8859_1));
    }
}
