package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.xraydar.XraydarException.Kind;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;
import org.pacsbridge.xraydar.simulator.FaultPlan;

/** The client against the simulator over real HTTP. */
class XraydarClientTest {

    private static XraydarSimulator simulator;

    @TempDir
    Path dir;
    private Path dicom;

    @BeforeAll
    static void startSimulator(@TempDir Path warmUpDir) throws Exception {
        simulator = new XraydarSimulator("127.0.0.1", 0).start();
        // the first exchange loads classes on both sides; keep that out of the short test timeouts
        new XraydarClient(endpoint().readTimeout(Duration.ofSeconds(10)).build(), () -> TestFiles.KEY, null, null)
                .call(TestFiles.dicom(warmUpDir, "warm-up.dcm", 0), "warm-up.dcm", "application/dicom");
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void reset() throws Exception {
        simulator.clearFaults();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (simulator.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // requests held by an earlier test finish
        }
        simulator.clearReceived();
        dicom = TestFiles.dicom(dir, "chest.dcm", 1);
    }

    /** Short timeouts and backoffs, no jitter, a circuit that stays closed unless a test says otherwise. */
    private static XraydarEndpoint.Builder endpoint() {
        return XraydarEndpoint.builder("cv", URI.create(simulator.baseUrl() + XraydarSimulator.CV_PATH))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofMillis(400))
                .initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofSeconds(2))
                .jitter(0)
                .failureThreshold(100);
    }

    private static XraydarClient client(XraydarEndpoint.Builder endpoint) {
        return new XraydarClient(endpoint.build(), () -> TestFiles.KEY, null, null);
    }

    private XraydarResult callCv(XraydarClient client) throws XraydarException {
        return client.call(dicom, "chest.dcm", "application/dicom");
    }

    @Test
    void sendsTheFileAndReturnsAllThirtyEightFindings() throws Exception {
        XraydarClient client = client(endpoint());
        XraydarResult result = callCv(client);

        assertEquals(38, result.findings().size());
        assertTrue(result.missingCodes().isEmpty());
        assertTrue(result.unknownKeys().isEmpty());
        assertTrue(Set.of("normal", "non-urgent", "urgent", "critical").contains(result.urgency()));
        assertTrue(result.findings().stream().allMatch(f -> f.probability() >= 0 && f.probability() <= 1));

        XraydarSimulator.ReceivedFile received = simulator.received().get(0);
        assertEquals(XraydarSimulator.CV_PATH, received.path());
        assertTrue(received.keyPresent());
        assertEquals("chest.dcm", received.fileName());
        assertEquals("application/dicom", received.contentType());
        assertArrayEquals(Files.readAllBytes(dicom), received.content());
        assertEquals(CircuitBreaker.State.CLOSED, client.circuitState());
        assertFalse(client.unauthorized());
    }

    @Test
    void sameInputGivesTheSameAnswer() throws Exception {
        XraydarClient client = client(endpoint());
        XraydarResult first = callCv(client);
        XraydarResult second = callCv(client);
        assertEquals(first, second);
        XraydarResult other = client.call(TestFiles.dicom(dir, "other.dcm", 2), "other.dcm", "application/dicom");
        assertFalse(first.findings().equals(other.findings()));
    }

    @Test
    void sendsReportsToNlp() throws Exception {
        XraydarClient client = new XraydarClient(endpoint().name("nlp")
                .url(URI.create(simulator.baseUrl() + XraydarSimulator.NLP_PATH)).build(), () -> TestFiles.KEY, null,
                null);
        Path report = TestFiles.report(dir, "report.txt", "Heart size normal. No pleural effusion. Größe ok.");
        XraydarResult result = client.call(report, "report.txt", "text/plain; charset=utf-8");
        assertEquals(38, result.findings().size());
        assertEquals("text/plain; charset=utf-8", simulator.received().get(0).contentType());
        assertEquals(1, simulator.requestCount(XraydarSimulator.NLP_PATH));
    }

    @Test
    void timeoutsAreRetriedThenReportedAsTimeout() throws Exception {
        simulator.faults(FaultPlan.builder().hangNext(Integer.MAX_VALUE, Duration.ofSeconds(3)).build());
        XraydarClient client = client(endpoint().maxAttempts(2));
        long start = System.nanoTime();
        XraydarException e = assertThrows(XraydarException.class, () -> callCv(client));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.isTransient());
        assertEquals(2, e.attempts());
        assertEquals(2, simulator.requestCount(XraydarSimulator.CV_PATH));
        assertTrue(millis >= 800 && millis < 2500, "took " + millis + " ms");
    }

    @Test
    void aTimeoutFollowedByAnAnswerSucceeds() throws Exception {
        simulator.faults(FaultPlan.builder().hangNext(1, Duration.ofSeconds(3)).build());
        assertEquals(38, callCv(client(endpoint())).findings().size());
        assertEquals(2, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    @Test
    void aBurstOf503IsRetriedUntilSuccess() throws Exception {
        simulator.faults(FaultPlan.builder().failNext(3, 503).build());
        XraydarResult result = callCv(client(endpoint().maxAttempts(4)));
        assertEquals(38, result.findings().size());
        assertEquals(4, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    @Test
    void exhaustedRetriesThrowTheLastFailureWithAttempts() {
        simulator.faults(FaultPlan.builder().failNext(Integer.MAX_VALUE, 502).build());
        XraydarException e = assertThrows(XraydarException.class, () -> callCv(client(endpoint().maxAttempts(3))));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals(502, e.httpStatus().getAsInt());
        assertEquals(3, e.attempts());
        assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
    }

    @Test
    void retryAfterOn429IsHonoured() throws Exception {
        simulator.faults(FaultPlan.builder().rateLimitNext(1, Duration.ofSeconds(1)).build());
        long start = System.nanoTime();
        XraydarResult result = callCv(client(endpoint()));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals(38, result.findings().size());
        assertEquals(2, simulator.requestCount(XraydarSimulator.CV_PATH));
        assertTrue(millis >= 1000, "waited only " + millis + " ms");
        assertTrue(millis < 2000, "waited " + millis + " ms");
    }

    @Test
    void retryAfterLongerThanMaxBackoffStopsRetryingAndTellsTheWait() {
        simulator.faults(FaultPlan.builder().rateLimitNext(1, Duration.ofSeconds(120)).build());
        XraydarException e = assertThrows(XraydarException.class, () -> callCv(client(endpoint())));
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertTrue(e.isTransient());
        assertEquals(1, e.attempts());
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        assertEquals(429, e.httpStatus().getAsInt());
    }

    @Test
    void malformedAnswersAreContractErrorsAndNotRetried() {
        XraydarClient client = client(endpoint());
        for (FaultPlan.Malformation malformation : FaultPlan.Malformation.values()) {
            simulator.clearReceived();
            simulator.faults(FaultPlan.builder().malformedNext(1, malformation).build());
            XraydarException e = assertThrows(XraydarException.class, () -> callCv(client));
            assertEquals(Kind.CONTRACT, e.kind(), malformation.name());
            assertFalse(e.isTransient());
            assertEquals(1, e.attempts());
            assertEquals(200, e.httpStatus().getAsInt());
            assertFalse(e.bodyExcerpt().isEmpty());
            assertEquals(1, simulator.requestCount(XraydarSimulator.CV_PATH));
        }
    }

    @Test
    void a401IsNotRetriedAndMarksTheClientUnauthorizedUntilASuccess() throws Exception {
        simulator.faults(FaultPlan.builder().unauthorizedNext(1).build());
        XraydarClient client = client(endpoint());
        XraydarException e = assertThrows(XraydarException.class, () -> callCv(client));
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertFalse(e.isTransient());
        assertEquals(1, e.attempts());
        assertEquals(401, e.httpStatus().getAsInt());
        assertEquals(1, simulator.requestCount(XraydarSimulator.CV_PATH));
        assertTrue(client.unauthorized());
        assertEquals(CircuitBreaker.State.CLOSED, client.circuitState());

        callCv(client);
        assertFalse(client.unauthorized());
    }

    @Test
    void aMalformedKeyIsRefusedLocallyWithoutEchoingIt() {
        for (Supplier<String> key : List.<Supplier<String>>of(() -> null, () -> "", () -> "shortKey123",
                () -> "A1b2C3d4E5f6G7h8X", () -> "A1b2C3d4E5f6G7h!")) {
            XraydarClient client = new XraydarClient(endpoint().build(), key, null, null);
            XraydarException e = assertThrows(XraydarException.class, () -> callCv(client));
            assertEquals(Kind.UNAUTHORIZED, e.kind());
            assertFalse(e.isTransient());
            assertEquals(0, e.attempts());
            assertTrue(e.getMessage().contains("key missing or not 16 letters/digits"), e.getMessage());
            String sent = key.get();
            if (sent != null && !sent.isEmpty()) {
                assertFalse(e.getMessage().contains(sent), e.getMessage());
            }
            assertTrue(client.unauthorized());
        }
        assertEquals(0, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    @Test
    void a500IsRetriedOnlyMaxServer500AttemptsTimes() {
        simulator.faults(FaultPlan.builder().failNext(Integer.MAX_VALUE, 500).build());
        XraydarException e = assertThrows(XraydarException.class,
                () -> callCv(client(endpoint().maxAttempts(5).maxServer500Attempts(2))));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals(500, e.httpStatus().getAsInt());
        assertEquals(2, e.attempts());
        assertEquals(2, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    @Test
    void otherClientErrorsArePermanentAndKeepTheBody() throws Exception {
        Path notDicom = Files.writeString(dir.resolve("notes.txt"), "not an image");
        XraydarClient client = client(endpoint());
        XraydarException e = assertThrows(XraydarException.class,
                () -> client.call(notDicom, "notes.txt", "application/dicom"));
        assertEquals(Kind.CLIENT_ERROR, e.kind());
        assertEquals(415, e.httpStatus().getAsInt());
        assertTrue(e.bodyExcerpt().contains("not a DICOM Part 10 file"), e.bodyExcerpt());
        assertEquals(1, e.attempts());
    }

    @Test
    void theCircuitOpensAfterTheThresholdAndShortCircuits() {
        simulator.faults(FaultPlan.builder().failNext(Integer.MAX_VALUE, 503).build());
        XraydarClient client = client(endpoint().maxAttempts(1).failureThreshold(3).openDuration(Duration.ofSeconds(30)));
        for (int i = 0; i < 3; i++) {
            assertEquals(Kind.SERVER_ERROR, assertThrows(XraydarException.class, () -> callCv(client)).kind());
        }
        assertEquals(CircuitBreaker.State.OPEN, client.circuitState());

        XraydarException open = assertThrows(XraydarException.class, () -> callCv(client));
        assertEquals(Kind.CIRCUIT_OPEN, open.kind());
        assertTrue(open.isTransient());
        assertEquals(0, open.attempts());
        assertTrue(open.retryAfter().orElseThrow().compareTo(Duration.ofSeconds(25)) > 0);
        assertEquals(3, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    @Test
    void aCallStopsRetryingWhenItsFailuresOpenTheCircuit() {
        simulator.faults(FaultPlan.builder().failNext(Integer.MAX_VALUE, 503).build());
        XraydarClient client = client(endpoint().maxAttempts(4).failureThreshold(2));
        XraydarException e = assertThrows(XraydarException.class, () -> callCv(client));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals(2, e.attempts());
        assertEquals(CircuitBreaker.State.OPEN, client.circuitState());
    }

    @Test
    void theCircuitRecoversThroughHalfOpen() throws Exception {
        simulator.faults(FaultPlan.builder().failNext(Integer.MAX_VALUE, 503).build());
        XraydarClient client = client(endpoint().maxAttempts(1).failureThreshold(2)
                .openDuration(Duration.ofMillis(300)));
        assertThrows(XraydarException.class, () -> callCv(client));
        assertThrows(XraydarException.class, () -> callCv(client));
        assertEquals(CircuitBreaker.State.OPEN, client.circuitState());

        // a failed trial opens it again
        Thread.sleep(350);
        assertEquals(CircuitBreaker.State.HALF_OPEN, client.circuitState());
        assertEquals(Kind.SERVER_ERROR, assertThrows(XraydarException.class, () -> callCv(client)).kind());
        assertEquals(CircuitBreaker.State.OPEN, client.circuitState());
        assertEquals(Kind.CIRCUIT_OPEN, assertThrows(XraydarException.class, () -> callCv(client)).kind());

        // a successful trial closes it
        simulator.clearFaults();
        Thread.sleep(350);
        assertEquals(38, callCv(client).findings().size());
        assertEquals(CircuitBreaker.State.CLOSED, client.circuitState());
        assertEquals(4, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    @Test
    void halfOpenLetsOnlyOneTrialThrough() throws Exception {
        simulator.faults(FaultPlan.builder().failNext(2, 503).latency(Duration.ofMillis(300)).build());
        XraydarClient client = client(endpoint().maxAttempts(1).failureThreshold(2)
                .readTimeout(Duration.ofSeconds(2)).openDuration(Duration.ofMillis(200)));
        assertThrows(XraydarException.class, () -> callCv(client));
        assertThrows(XraydarException.class, () -> callCv(client));
        Thread.sleep(250);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<XraydarResult> trial = pool.submit(() -> callCv(client));
            while (simulator.inFlight() == 0) {
                Thread.sleep(5);
            }
            assertEquals(Kind.CIRCUIT_OPEN, assertThrows(XraydarException.class, () -> callCv(client)).kind());
            assertNotNull(trial.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(CircuitBreaker.State.CLOSED, client.circuitState());
    }

    @Test
    void theBulkheadLimitsConcurrentCalls() throws Exception {
        simulator.faults(FaultPlan.builder().latency(Duration.ofMillis(200)).build());
        XraydarClient client = client(endpoint().maxConcurrentCalls(2).readTimeout(Duration.ofSeconds(2)));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<XraydarResult>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> callCv(client)));
            }
            for (Future<XraydarResult> call : calls) {
                assertEquals(38, call.get().findings().size());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6, simulator.requestCount(XraydarSimulator.CV_PATH));
        assertEquals(2, simulator.peakInFlight());
        assertEquals(0, client.inFlight());
    }

    @Test
    void aFullBulkheadFailsFastWithoutCalling() throws Exception {
        simulator.faults(FaultPlan.builder().latency(Duration.ofMillis(500)).build());
        XraydarClient client = client(endpoint().maxConcurrentCalls(1).bulkheadWait(Duration.ofMillis(50))
                .readTimeout(Duration.ofSeconds(2)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<XraydarResult> first = pool.submit(() -> callCv(client));
            while (simulator.inFlight() == 0 || client.inFlight() == 0) {
                Thread.sleep(5);
            }
            XraydarException e = assertThrows(XraydarException.class, () -> callCv(client));
            assertEquals(Kind.BULKHEAD_FULL, e.kind());
            assertTrue(e.isTransient());
            assertEquals(0, e.attempts());
            assertNotNull(first.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, simulator.requestCount(XraydarSimulator.CV_PATH));
    }

    @Test
    void theKeyNeverAppearsInMessagesOrLogs() throws Exception {
        XraydarClient client = client(endpoint().maxAttempts(2).failureThreshold(3).openDuration(Duration.ofSeconds(30)));
        List<Throwable> failures = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            simulator.faults(FaultPlan.builder().unauthorizedNext(1).build());
            failures.add(assertThrows(XraydarException.class, () -> callCv(client)));
            simulator.faults(FaultPlan.builder().malformedNext(1).build());
            failures.add(assertThrows(XraydarException.class, () -> callCv(client)));
            simulator.faults(FaultPlan.builder().hangNext(2, Duration.ofSeconds(2)).build());
            failures.add(assertThrows(XraydarException.class, () -> callCv(client)));
            simulator.faults(FaultPlan.builder().failNext(Integer.MAX_VALUE, 503).build());
            failures.add(assertThrows(XraydarException.class, () -> callCv(client)));
            failures.add(assertThrows(XraydarException.class, () -> callCv(client)));

            List<String> lines = logs.lines();
            assertEquals(failures.size(), lines.stream().filter(l -> l.contains("call failed")).count(), lines.toString());
            for (String line : lines) {
                assertFalse(line.contains(TestFiles.KEY), line);
                assertFalse(line.contains("chest.dcm"), line);
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("UNAUTHORIZED") && l.contains("401")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("CIRCUIT_OPEN")), lines.toString());
        }
        for (Throwable t : failures) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertFalse(String.valueOf(c.getMessage()).contains(TestFiles.KEY), c.getMessage());
                assertFalse(c.toString().contains(TestFiles.KEY), c.toString());
                if (c instanceof XraydarException x) {
                    assertFalse(x.bodyExcerpt().contains(TestFiles.KEY));
                }
            }
        }
    }

    @Test
    void recordsMetricsPerCallAttemptAndFailure() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        XraydarClient client = new XraydarClient(endpoint().build(), () -> TestFiles.KEY, registry, null);
        callCv(client);
        simulator.faults(FaultPlan.builder().failNext(1, 503).build());
        callCv(client);
        simulator.faults(FaultPlan.builder().unauthorizedNext(1).build());
        assertThrows(XraydarException.class, () -> callCv(client));

        assertEquals(2.0, registry.get("pacs.xraydar.calls").tags("endpoint", "cv", "outcome", "success").counter().count());
        assertEquals(1.0, registry.get("pacs.xraydar.calls").tags("endpoint", "cv", "outcome", "permanent_failure")
                .counter().count());
        assertEquals(0.0, registry.get("pacs.xraydar.calls").tags("endpoint", "cv", "outcome", "transient_failure")
                .counter().count());
        assertEquals(4.0, registry.get("pacs.xraydar.attempts").tags("endpoint", "cv").counter().count());
        assertEquals(1.0, registry.get("pacs.xraydar.failures").tags("endpoint", "cv", "kind", "server_error")
                .counter().count());
        assertEquals(1.0, registry.get("pacs.xraydar.failures").tags("endpoint", "cv", "kind", "unauthorized")
                .counter().count());
        assertEquals(0.0, registry.get("pacs.xraydar.failures").tags("endpoint", "cv", "kind", "timeout")
                .counter().count());
        assertEquals(3, registry.get("pacs.xraydar.call.duration").tags("endpoint", "cv").timer().count());
        assertEquals(0.0, registry.get("pacs.xraydar.circuit.state").tags("endpoint", "cv").gauge().value());
        assertEquals(0.0, registry.get("pacs.xraydar.in.flight").tags("endpoint", "cv").gauge().value());

        client.close();
        assertTrue(registry.find("pacs.xraydar.calls").counters().isEmpty());
    }

    @Test
    void theCircuitGaugeFollowsTheState() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        simulator.faults(FaultPlan.builder().failNext(Integer.MAX_VALUE, 503).build());
        XraydarClient client = new XraydarClient(endpoint().maxAttempts(1).failureThreshold(1).build(),
                () -> TestFiles.KEY, registry, null);
        assertThrows(XraydarException.class, () -> callCv(client));
        assertEquals(2.0, registry.get("pacs.xraydar.circuit.state").gauge().value());
        assertThrows(XraydarException.class, () -> callCv(client));
        assertEquals(1.0, registry.get("pacs.xraydar.failures").tags("kind", "circuit_open").counter().count());
        assertEquals(2.0, registry.get("pacs.xraydar.calls").tags("outcome", "transient_failure").counter().count());
    }

    @Test
    void aMissingFileIsALocalFault() {
        XraydarClient client = client(endpoint());
        assertThrows(java.io.UncheckedIOException.class,
                () -> client.call(dir.resolve("gone.dcm"), "gone.dcm", "application/dicom"));
        assertEquals(0, simulator.requestCount(XraydarSimulator.CV_PATH));
    }
}
