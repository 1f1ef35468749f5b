package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacsbridge.tcia.TciaTestData.SBU;
import static org.pacsbridge.tcia.TciaTestData.SERIES_CR;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.pacsbridge.tcia.TciaException.Kind;
import org.pacsbridge.tcia.TciaTestServer.Fault;

/** Error answers, retries and answers of the wrong shape. */
class TciaErrorAnswersTest {

    private static final String JSON = "application/json";

    @RegisterExtension
    static final TciaDoubleClient tcia = new TciaDoubleClient(server -> TestSettings.fast(server, TciaApi.NBIA_V1).build());

    // --- error statuses ---

    @Test
    void missingParameterIsA400WithPlainTextUnderAJsonContentType() {
        TciaException e = assertThrows(TciaException.class, () -> tcia.client().query("getSeriesSize", Map.of(), TciaFormat.JSON));
        assertEquals(Kind.BAD_REQUEST, e.kind());
        assertEquals("getSeriesSize", e.endpoint());
        assertEquals("A parameter, SeriesInstanceUID is required for this API call.", e.bodyExcerpt());
        assertTrue(e.getMessage().startsWith("TCIA getSeriesSize: request rejected (HTTP 400)"), e.getMessage());
        assertEquals(1, e.attempts());
        assertFalse(e.isTransient());
    }

    @Test
    void unknownEndpointIsNotFoundAndTheHtmlIsReducedToText() {
        TciaException e = assertThrows(TciaException.class, () -> tcia.client().query("getNothing", Map.of(), TciaFormat.JSON));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.bodyExcerpt().contains("HTTP Status 404 - Not Found"), e.bodyExcerpt());
        assertFalse(e.bodyExcerpt().contains("<"), e.bodyExcerpt());
        assertEquals(1, tcia.server().received().size());
    }

    @Test
    void unauthorizedIsNotRetried() {
        tcia.server().fail("/getSeries", Fault.status(401, "text/plain", "Unauthorized access"));
        TciaException e = assertThrows(TciaException.class, () -> tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU)));
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertEquals(1, tcia.server().received("/getSeries").size());
        assertEquals(Kind.UNAUTHORIZED, assertThrows(TciaException.class, () -> {
            tcia.server().fail("/getSeries", Fault.status(403, "text/plain", "Forbidden"));
            tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU));
        }).kind());
    }

    @Test
    void rateLimitedHonoursRetryAfterThenSucceeds() throws Exception {
        tcia.server().fail("/getCollectionValues", Fault.status(429, "text/plain", "Too Many Requests")
                .withHeader("Retry-After", "1"));
        assertEquals(3, tcia.client().getCollectionValues().size());
        List<TciaTestServer.Received> calls = tcia.server().received("/getCollectionValues");
        assertEquals(2, calls.size());
        long waitedMs = (calls.get(1).nanoTime() - calls.get(0).nanoTime()) / 1_000_000;
        assertTrue(waitedMs >= 950, "waited " + waitedMs + " ms; Retry-After asked for 1 s");
    }

    @Test
    void rateLimitedWithoutRetryAfterBacksOff() throws Exception {
        tcia.server().fail("/getCollectionValues", Fault.status(429, "text/plain", "slow down"),
                Fault.status(429, "text/plain", "slow down"));
        assertEquals(3, tcia.client().getCollectionValues().size());
        List<TciaTestServer.Received> calls = tcia.server().received("/getCollectionValues");
        assertEquals(3, calls.size());
        long second = (calls.get(2).nanoTime() - calls.get(1).nanoTime()) / 1_000_000;
        assertTrue(second >= 38, "the second wait doubles the first 20 ms; waited " + second + " ms");
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffIsHandedToTheCaller() {
        tcia.server().fail("/getCollectionValues", Fault.status(429, "text/plain", "come back later")
                .withHeader("Retry-After", "600"));
        TciaException e = assertThrows(TciaException.class, tcia.client()::getCollectionValues);
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertTrue(e.isTransient());
        assertEquals(Duration.ofSeconds(600), e.retryAfter().orElseThrow());
        assertEquals(1, e.attempts());
        assertEquals(1, tcia.server().received().size());
    }

    @Test
    void serverErrorThenSuccess() throws Exception {
        tcia.server().fail("/getSeries", Fault.status(500, JSON,
                "{\"errorMessage\":\"java.lang.IndexOutOfBoundsException: Index: 0, Size: 0\"}"));
        assertEquals(List.of(SERIES_CR), tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU).withModality("CR")).stream()
                .map(TciaSeries::seriesInstanceUid).toList());
        assertEquals(2, tcia.server().received("/getSeries").size());
    }

    @Test
    void serverErrorsUntilTheAttemptsRunOut() {
        Fault error = Fault.status(500, JSON,
                "{\"errorMessage\":\"java.lang.IndexOutOfBoundsException: Index: 0, Size: 0\"}");
        tcia.server().fail("/getSeries", error, error, error);
        TciaException e = assertThrows(TciaException.class, () -> tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU)));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals(3, e.attempts());
        assertEquals("java.lang.IndexOutOfBoundsException: Index: 0, Size: 0", e.bodyExcerpt());
        assertTrue(e.getMessage().endsWith("(3 attempts)"), e.getMessage());
    }

    @Test
    void serviceUnavailableWithRetryAfterZero() throws Exception {
        tcia.server().fail("/getModalityValues", Fault.status(503, "text/plain", "maintenance").withHeader("Retry-After", "0"));
        assertEquals(List.of("CR", "DX", "CT"), tcia.client().getModalityValues(SBU, null));
    }

    @Test
    void aStalledAnswerTimesOutAndIsRetried() throws Exception {
        try (TciaClient quick = TciaClients.create(TestSettings.fast(tcia.server(), TciaApi.NBIA_V1)
                .readTimeout(Duration.ofMillis(300)).maxAttempts(2).build())) {
            tcia.server().fail("/getCollectionValues", Fault.stall(Duration.ofSeconds(2)));
            assertEquals(3, quick.getCollectionValues().size());

            tcia.server().fail("/getCollectionValues", Fault.stall(Duration.ofSeconds(2)), Fault.stall(Duration.ofSeconds(2)));
            TciaException e = assertThrows(TciaException.class, quick::getCollectionValues);
            assertEquals(Kind.TIMEOUT, e.kind());
            assertTrue(e.isTransient());
            assertEquals(2, e.attempts());
        }
    }

    @Test
    void refusedConnectionsAreTransientAndRetried() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (TciaClient nowhere = TciaClients.create(TestSettings.shipped(TciaApi.NBIA_V1)
                .baseUrl(URI.create("http://127.0.0.1:" + port + "/nbia-api/services/v1"))
                .requestDelay(Duration.ZERO).initialBackoff(Duration.ofMillis(5)).maxAttempts(2).build())) {
            TciaException e = assertThrows(TciaException.class, nowhere::getCollectionValues);
            assertEquals(Kind.CONNECTION, e.kind());
            assertEquals(2, e.attempts());
        }
    }

    @Test
    void aRedirectIsNotFollowed() {
        tcia.server().fail("/getCollectionValues", Fault.status(302, "text/plain", "moved")
                .withHeader("Location", "http://elsewhere.example/"));
        TciaException e = assertThrows(TciaException.class, tcia.client()::getCollectionValues);
        assertEquals(Kind.UNEXPECTED_STATUS, e.kind());
        assertEquals(302, e.httpStatus().getAsInt());
    }

    // --- answers of the wrong shape: reported, never taken for "nothing found" ---

    @Test
    void anObjectInsteadOfAnArray() {
        TciaException e = malformed("/getSeries", "{\"SeriesInstanceUID\":\"1.2.3\"}", JSON,
                () -> tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU)));
        assertTrue(e.getMessage().contains("expected a JSON array, got a JSON object"), e.getMessage());
    }

    @Test
    void anErrorObjectWithStatus200() {
        TciaException e = malformed("/getSeries", "{\"errorMessage\":\"java.lang.NullPointerException\"}", JSON,
                () -> tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU)));
        assertTrue(e.getMessage().contains("server reported: java.lang.NullPointerException"), e.getMessage());
    }

    @Test
    void htmlInsteadOfJson() {
        TciaException e = malformed("/getCollectionValues", "<html><body>Maintenance</body></html>", "text/html",
                tcia.client()::getCollectionValues);
        assertTrue(e.getMessage().contains("not JSON (content type text/html"), e.getMessage());
    }

    @Test
    void aPlainTextErrorWithStatus200() {
        TciaException e = malformed("/getPatient", "Server was not able to process your request", JSON,
                () -> tcia.client().getPatients(SBU, null));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void anElementThatIsNotAnObjectIsSkippedAndCounted() throws Exception {
        TciaAnswerTally.Counts before = tcia.client().answerTally().counts();
        tcia.server().fail("/getModalityValues", Fault.status(200, JSON, "[{\"Modality\":\"CR\"},\"DX\"]"));

        assertEquals(List.of("CR"), tcia.client().getModalityValues(SBU, null));
        assertEquals(new TciaAnswerTally.Counts(1, 0), tcia.client().answerTally().counts().since(before));
    }

    @Test
    void aValueListElementWithAnotherKeyIsSkippedAndCounted() throws Exception {
        TciaAnswerTally.Counts before = tcia.client().answerTally().counts();
        tcia.server().fail("/getModalityValues", Fault.status(200, JSON, "[{\"Modality\":\"CR\"},{\"Mode\":\"DX\"}]"));

        assertEquals(List.of("CR"), tcia.client().getModalityValues(SBU, null));
        assertEquals(new TciaAnswerTally.Counts(1, 0), tcia.client().answerTally().counts().since(before));
    }

    @Test
    void anAnswerWhoseOnlyElementsAreUnreadableIsMalformed() {
        TciaException e = malformed("/getModalityValues", "[\"CR\",{\"Mode\":\"DX\"}]", JSON,
                () -> tcia.client().getModalityValues(SBU, null));
        assertTrue(e.getMessage().contains("answer element 0 is a JSON string, expected an object"), e.getMessage());
    }

    @Test
    void aValueThatIsAnObject() {
        TciaException e = malformed("/getCollectionValues", "[{\"Collection\":{\"name\":\"X\"}}]", JSON,
                tcia.client()::getCollectionValues);
        assertTrue(e.getMessage().contains("'Collection' is a JSON object"), e.getMessage());
    }

    @Test
    void aSeriesWithoutItsUid() {
        TciaException e = malformed("/getSeries", "[{\"Modality\":\"CR\",\"Collection\":\"X\"}]", JSON,
                () -> tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU)));
        assertTrue(e.getMessage().contains("no 'SeriesInstanceUID' (keys present: Modality, Collection)"), e.getMessage());
    }

    @Test
    void looseOptionalValuesAreReadAsAbsentAndCounted() throws Exception {
        TciaAnswerTally.Counts before = tcia.client().answerTally().counts();
        tcia.server().fail("/getSeries", Fault.status(200, JSON, "[{\"SeriesInstanceUID\":\"1.2.3\",\"ImageCount\":\"many\","
                + "\"SeriesDate\":\"08-07-2023\",\"AnnotationsFlag\":\"\",\"FileSize\":{},\"Modality\":[\"CR\"],"
                + "\"SeriesNumber\":\"\",\"Collection\":\"X\"}]"));

        List<TciaSeries> series = tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU));

        assertEquals(1, series.size());
        TciaSeries s = series.get(0);
        assertEquals("1.2.3", s.seriesInstanceUid());
        assertEquals("X", s.collection());
        assertNull(s.imageCount());
        assertNull(s.seriesDate());
        assertNull(s.annotationsFlag());
        assertNull(s.fileSize());
        assertNull(s.modality());
        assertNull(s.seriesNumber(), "an empty number is absent, not unreadable");
        assertEquals(new TciaAnswerTally.Counts(0, 5), tcia.client().answerTally().counts().since(before));
    }

    @Test
    void seriesSizeOfTwoRowsOrHalfARow() {
        TciaException twoRows = malformed("/getSeriesSize", "[{},{}]", JSON, () -> tcia.client().getSeriesSize(SERIES_CR));
        assertTrue(twoRows.getMessage().contains("expected one element, got 2"), twoRows.getMessage());
        TciaException half = malformed("/getSeriesSize", "[{\"TotalSizeInBytes\":12}]", JSON,
                () -> tcia.client().getSeriesSize(SERIES_CR));
        assertTrue(half.getMessage().contains("expected TotalSizeInBytes and ObjectCount"), half.getMessage());
    }

    @Test
    void anImageAnswerThatIsJson() {
        TciaException e = malformed("/getImage", "{\"errorMessage\":\"no such series\"}", JSON,
                () -> tcia.client().getImage(SERIES_CR));
        assertTrue(e.getMessage().contains("expected a ZIP, got application/json"), e.getMessage());
        assertEquals("no such series", e.bodyExcerpt());
    }

    @Test
    void anImageAnswerWithNoContent() {
        tcia.server().fail("/getImage", Fault.status(204, null, ""));
        TciaException e = assertThrows(TciaException.class, () -> tcia.client().getImage(SERIES_CR));
        assertEquals(Kind.UNEXPECTED_STATUS, e.kind());
    }

    @Test
    void aTokenAnswerThatIsNotJsonIsReportedWithoutItsBody() {
        tcia.server().fail("/oauth/token", Fault.status(200, "text/html", "<html>sign-in page secret-ish</html>"));
        try (TciaClient v2 = TciaClients.create(TestSettings.fast(tcia.server(), TciaApi.NBIA_V2).build())) {
            TciaException e = assertThrows(TciaException.class, v2::getCollectionValues);
            assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
            assertEquals("oauth/token", e.endpoint());
            assertEquals("", e.bodyExcerpt());
            assertFalse(e.getMessage().contains("secret-ish"));
        }
    }

    private static TciaException malformed(String path, String body, String contentType, TciaV2ClientTest.TciaCall call) {
        tcia.server().reset();
        tcia.server().fail(path, Fault.status(200, contentType, body));
        TciaException e = assertThrows(TciaException.class, call::run);
        assertEquals(Kind.MALFORMED_RESPONSE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("TCIA " + path.substring(1) + ": "), e.getMessage());
        assertFalse(e.isTransient());
        assertEquals(1, tcia.server().received(path).size(), "a malformed answer is not retried");
        return e;
    }
}
