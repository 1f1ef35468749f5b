package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;
import org.pacsbridge.xraydar.simulator.FaultPlan;
import org.pacsbridge.xraydar.simulator.MultipartForm;

/** The simulator's side of the contract, driven with hand-made requests. */
class XraydarSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static XraydarSimulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        simulator = new XraydarSimulator("127.0.0.1", 0).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.clearFaults();
        simulator.clearReceived();
    }

    private HttpResponse<String> upload(String path, String key, byte[] file, String fileName, String contentType)
            throws Exception {
        Path f = Files.write(dir.resolve("upload.bin"), file);
        MultipartUpload upload = new MultipartUpload(key, f, fileName, contentType);
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Content-Type", upload.contentType()).POST(upload.publisher()).build(),
                BodyHandlers.ofString());
    }

    private HttpResponse<String> cv(byte[] file) throws Exception {
        return upload(XraydarSimulator.CV_PATH, TestFiles.KEY, file, "x.dcm", "application/dicom");
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), BodyHandlers.ofString());
    }

    @Test
    void answersWithAllThirtyEightKeysAndSaysItIsASimulator() throws Exception {
        HttpResponse<String> response = cv(TestFiles.dicomBytes(3));
        assertEquals(200, response.statusCode());
        assertEquals("x-raydar-simulator", response.headers().firstValue("X-Simulator").orElseThrow());
        JsonNode json = JSON.readTree(response.body());
        assertEquals("x-raydar-simulator (not model output)", json.get("simulator").asText());
        assertTrue(Set.of("normal", "non-urgent", "urgent", "critical").contains(json.get("AI_urgency").asText()));
        JsonNode prediction = json.get("AI_prediction");
        assertEquals(38, prediction.size());
        for (FindingCatalogue.Finding f : FindingCatalogue.all()) {
            double p = prediction.get(f.modelKey()).asDouble();
            assertTrue(p >= 0 && p <= 1, f.modelKey() + "=" + p);
        }
        XraydarResult parsed = XraydarResponseParser.parse(response.body().getBytes(StandardCharsets.UTF_8));
        assertTrue(parsed.missingCodes().isEmpty());
    }

    @Test
    void answersAreDeterministicAndMostlyLow() throws Exception {
        assertEquals(cv(TestFiles.dicomBytes(4)).body(), cv(TestFiles.dicomBytes(4)).body());
        assertFalse(cv(TestFiles.dicomBytes(4)).body().equals(cv(TestFiles.dicomBytes(5)).body()));

        int low = 0;
        int total = 0;
        Set<String> urgencies = new java.util.HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            JsonNode json = JSON.readTree(cv(TestFiles.dicomBytes(seed)).body());
            urgencies.add(json.get("AI_urgency").asText());
            for (JsonNode p : json.get("AI_prediction")) {
                total++;
                low += p.asDouble() < 0.3 ? 1 : 0;
            }
        }
        assertTrue(low > total * 0.7, low + " of " + total + " low");
        assertTrue(urgencies.size() >= 3, urgencies.toString());
    }

    @Test
    void checksTheKey() throws Exception {
        assertEquals(401, upload(XraydarSimulator.CV_PATH, "short", TestFiles.dicomBytes(1), "x.dcm",
                "application/dicom").statusCode());
        assertEquals(401, upload(XraydarSimulator.CV_PATH, "A1b2C3d4E5f6G7h-", TestFiles.dicomBytes(1), "x.dcm",
                "application/dicom").statusCode());
        assertEquals(401, send("POST", XraydarSimulator.CV_PATH, "application/octet-stream", new byte[] {1})
                .statusCode());
        assertTrue(simulator.received().get(0).keyPresent(), "a key was sent, if a bad one");
        assertFalse(simulator.received().get(2).keyPresent());
    }

    @Test
    void requiresAFilePart() throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n" + TestFiles.KEY
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"other\"; filename=\"a\"\r\n\r\nxx"
                + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = send("POST", XraydarSimulator.CV_PATH,
                "multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.statusCode());
        assertTrue(simulator.received().get(0).keyPresent());
        assertNull(simulator.received().get(0).content());
    }

    @Test
    void cvWantsDicomPartTen() throws Exception {
        assertEquals(415, cv("not dicom".getBytes(StandardCharsets.UTF_8)).statusCode());
        byte[] almost = TestFiles.dicomBytes(1);
        almost[131] = 'X';
        assertEquals(415, cv(almost).statusCode());
    }

    @Test
    void nlpAnswersInTheNlpModelsVocabularyByDefaultAndInTheCvKeysWhenSwitched() throws Exception {
        byte[] text = "Small right pneumothorax.".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> nlp = upload(XraydarSimulator.NLP_PATH, TestFiles.KEY, text, "r.txt", "text/plain");
        XraydarResult own = XraydarResponseParser.parseNlp(nlp.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(XraydarResult.Vocabulary.NLP, own.vocabulary());
        assertEquals(38, own.findings().size());
        assertEquals(7, own.reportAttributes().size());
        assertFalse(nlp.body().contains("AI_urgency"), "the NLP model grades no urgency");

        simulator.nlpVocabulary(false);
        try {
            HttpResponse<String> cv = upload(XraydarSimulator.NLP_PATH, TestFiles.KEY, text, "r.txt", "text/plain");
            XraydarResult cvKeys = XraydarResponseParser.parseNlp(cv.body().getBytes(StandardCharsets.UTF_8));
            assertEquals(XraydarResult.Vocabulary.CV, cvKeys.vocabulary());
            assertTrue(cvKeys.urgency() != null);
        } finally {
            simulator.nlpVocabulary(true);
        }
    }

    @Test
    void nlpWantsUtf8Text() throws Exception {
        HttpResponse<String> ok = upload(XraydarSimulator.NLP_PATH, TestFiles.KEY,
                "No acute abnormality. Ärztlicher Befund.".getBytes(StandardCharsets.UTF_8), "r.txt",
                "text/plain; charset=utf-8");
        assertEquals(200, ok.statusCode());
        assertEquals(400, upload(XraydarSimulator.NLP_PATH, TestFiles.KEY, new byte[] {'o', 'k', (byte) 0xC3, '('},
                "r.txt", "text/plain").statusCode());
        assertEquals(400, upload(XraydarSimulator.NLP_PATH, TestFiles.KEY, new byte[0], "r.txt", "text/plain")
                .statusCode());
    }

    @Test
    void onlyPostOnTheTwoPaths() throws Exception {
        assertEquals(405, send("GET", XraydarSimulator.CV_PATH, null, null).statusCode());
        assertEquals(404, send("POST", "/api/other", "text/plain", new byte[] {1}).statusCode());
        assertEquals(404, send("POST", "/api/cv/extra", "text/plain", new byte[] {1}).statusCode());
    }

    @Test
    void recordsWhatItReceivedBoundedToTheLast200() throws Exception {
        byte[] content = TestFiles.dicomBytes(9);
        upload(XraydarSimulator.CV_PATH, TestFiles.KEY, content, "ÄBC \"1\".dcm", "application/dicom");
        XraydarSimulator.ReceivedFile r = simulator.received().get(0);
        assertEquals("ÄBC \"1\".dcm", r.fileName());
        assertEquals("application/dicom", r.contentType());
        assertArrayEquals(content, r.content());
        assertTrue(r.keyPresent());

        for (int i = 0; i < 205; i++) {
            send("POST", XraydarSimulator.NLP_PATH, "text/plain", new byte[] {(byte) i});
        }
        assertEquals(200, simulator.received().size());
        assertEquals(205, simulator.requestCount(XraydarSimulator.NLP_PATH));
        assertEquals(1, simulator.requestCount(XraydarSimulator.CV_PATH));
        assertEquals(XraydarSimulator.NLP_PATH, simulator.received().get(0).path());
        simulator.clearReceived();
        assertTrue(simulator.received().isEmpty());
        assertEquals(0, simulator.requestCount(XraydarSimulator.NLP_PATH));
    }

    @Test
    void faultsCanBeSetAndClearedOverHttp() throws Exception {
        HttpResponse<String> set = send("POST", "/simulator/faults", "application/json",
                "{\"failNext\":2,\"failStatus\":502}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, set.statusCode());
        assertEquals(2, JSON.readTree(set.body()).get("failNext").asInt());
        assertEquals(502, cv(TestFiles.dicomBytes(1)).statusCode());
        assertEquals(1, JSON.readTree(send("GET", "/simulator/faults", null, null).body()).get("failNext").asInt());
        assertEquals(502, cv(TestFiles.dicomBytes(1)).statusCode());
        assertEquals(200, cv(TestFiles.dicomBytes(1)).statusCode());

        send("POST", "/simulator/faults", "application/json",
                "{\"unauthorizedNext\":5}".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, cv(TestFiles.dicomBytes(1)).statusCode());
        assertEquals(204, send("DELETE", "/simulator/faults", null, null).statusCode());
        assertEquals(200, cv(TestFiles.dicomBytes(1)).statusCode());

        assertEquals(400, send("POST", "/simulator/faults", "application/json",
                "{\"failNxt\":1}".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(400, send("POST", "/simulator/faults", "application/json",
                "not json".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(400, send("POST", "/simulator/faults", "application/json",
                "{\"failRatio\":2}".getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    void aFailureRatioFailsExactlyThatShare() throws Exception {
        simulator.faults(FaultPlan.builder().failRatio(0.5, 503).build());
        int failed = 0;
        for (int i = 0; i < 10; i++) {
            failed += cv(TestFiles.dicomBytes(1)).statusCode() == 503 ? 1 : 0;
        }
        assertEquals(5, failed);
    }

    @Test
    void rateLimitsWithRetryAfterInSecondsOrAsADate() throws Exception {
        simulator.faults(FaultPlan.builder().rateLimitNext(1, Duration.ofSeconds(7)).build());
        HttpResponse<String> seconds = cv(TestFiles.dicomBytes(1));
        assertEquals(429, seconds.statusCode());
        assertEquals("7", seconds.headers().firstValue("Retry-After").orElseThrow());

        simulator.faults(FaultPlan.builder().rateLimitNext(1, Duration.ofSeconds(7)).retryAfterAsDate(true).build());
        HttpResponse<String> date = cv(TestFiles.dicomBytes(1));
        assertEquals(429, date.statusCode());
        ZonedDateTime at = ZonedDateTime.parse(date.headers().firstValue("Retry-After").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME);
        assertTrue(at.isAfter(ZonedDateTime.now().plusSeconds(5)));
    }

    @Test
    void addsLatencyAndMalformsOnRequest() throws Exception {
        simulator.faults(FaultPlan.builder().latency(Duration.ofMillis(200))
                .malformedNext(1, FaultPlan.Malformation.PROBABILITY_OUT_OF_RANGE).build());
        long start = System.nanoTime();
        HttpResponse<String> response = cv(TestFiles.dicomBytes(1));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 200);
        assertEquals(200, response.statusCode());
        assertEquals(1.7, JSON.readTree(response.body()).get("AI_prediction").get("cardiomegaly").asDouble());

        simulator.faults(FaultPlan.builder().malformedNext(1).build());
        HttpResponse<String> html = cv(TestFiles.dicomBytes(1));
        assertEquals(200, html.statusCode());
        assertTrue(html.body().startsWith("<html>"));
    }

    @Test
    void aHangIsReleasedWhenTheFaultsChange() throws Exception {
        simulator.faults(FaultPlan.builder().hangNext(1, Duration.ofSeconds(30)).build());
        var pending = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + XraydarSimulator.CV_PATH))
                .POST(BodyPublishers.ofByteArray(new byte[] {1})).build(), BodyHandlers.ofString());
        while (simulator.inFlight() == 0) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertFalse(pending.isDone());
        simulator.clearFaults();
        assertEquals(401, pending.get().statusCode());
    }

    @Test
    void multipartRoundTripKeepsBytesAndNames() throws Exception {
        byte[] content = new byte[70_000];
        new java.util.Random(1).nextBytes(content);
        Path f = Files.write(dir.resolve("big.bin"), content);
        MultipartUpload upload = new MultipartUpload("bnd", TestFiles.KEY, f, "a\"b\r\nc.dcm", "application/dicom");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        upload.publisher().subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(java.nio.ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                body.writeBytes(b);
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onComplete() {
            }
        });
        MultipartForm form = MultipartForm.parse(body.toByteArray(), "bnd");
        assertEquals(TestFiles.KEY, new String(form.part("key").orElseThrow().content(), StandardCharsets.UTF_8));
        MultipartForm.Part file = form.part("file").orElseThrow();
        assertEquals("a\"b\r\nc.dcm", file.fileName());
        assertEquals("application/dicom", file.contentType());
        assertArrayEquals(content, file.content());
        assertEquals(body.size(), upload.publisher().contentLength());
    }
}
