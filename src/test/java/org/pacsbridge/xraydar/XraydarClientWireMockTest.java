package org.pacsbridge.xraydar;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.xraydar.XraydarException.Kind;

/** The client's wire format and transport failures, against WireMock. */
class XraydarClientWireMockTest {

    private static final String ANSWER = "{\"AI_urgency\":\"non-urgent\",\"AI_prediction\":"
            + "{\"abnormal_non_clinically_important\":0.2855,\"aortic_calcification\":0.0097}}";

    @RegisterExtension
    static final WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;
    private Path dicom;

    @BeforeEach
    void image() throws Exception {
        dicom = TestFiles.dicom(dir, "chest.dcm", 7);
    }

    /** A read timeout far above WireMock's answer time on a loaded machine: only the stall test meets it. */
    private XraydarClient client(int maxAttempts) {
        return client(maxAttempts, Duration.ofSeconds(10));
    }

    private XraydarClient client(int maxAttempts, Duration readTimeout) {
        XraydarEndpoint endpoint = XraydarEndpoint.builder("cv", URI.create(wireMock.baseUrl() + "/api/cv"))
                .readTimeout(readTimeout)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofSeconds(3))
                .jitter(0)
                .maxAttempts(maxAttempts)
                .build();
        return new XraydarClient(endpoint, () -> TestFiles.KEY, null, null);
    }

    @Test
    void sendsExactlyTheDocumentedMultipartForm() throws Exception {
        wireMock.stubFor(post("/api/cv").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ANSWER)));

        XraydarResult result = client(1).call(dicom, "1.2.3 chest \"PA\".dcm", "application/dicom");
        assertEquals("non-urgent", result.urgency());
        assertEquals(0.2855, result.probability("abnormal_non_clinically_important").orElseThrow());
        assertEquals(36, result.missingCodes().size());

        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/cv"))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withRequestBodyPart(aMultipart("key").withBody(equalTo(TestFiles.KEY)).build())
                .withRequestBodyPart(aMultipart("file")
                        .withHeader("Content-Type", equalTo("application/dicom"))
                        .withHeader("Content-Disposition", containing("filename=\"1.2.3 chest %22PA%22.dcm\""))
                        .withBody(binaryEqualTo(Files.readAllBytes(dicom)))
                        .build()));

        LoggedRequest request = wireMock.getAllServeEvents().get(0).getRequest();
        String contentType = request.getHeader("Content-Type");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"key\"\r\n\r\n"
                + TestFiles.KEY + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"1.2.3 chest %22PA%22.dcm\"\r\n"
                + "Content-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(Files.readAllBytes(dicom));
        expected.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected.toByteArray(), request.getBody());

        // a fixed length, not chunked; the key only in the body
        assertEquals(String.valueOf(expected.size()), request.getHeader("Content-Length"));
        assertNull(request.getHeader("Transfer-Encoding"));
        assertFalse(request.getUrl().contains(TestFiles.KEY));
        assertTrue(request.getHeaders().all().stream().noneMatch(h -> h.toString().contains(TestFiles.KEY)));
        assertEquals("application/json", request.getHeader("Accept"));
    }

    @Test
    void aConnectionResetIsATransientConnectionFailure() {
        wireMock.stubFor(post("/api/cv").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        XraydarException e = assertThrows(XraydarException.class,
                () -> client(2).call(dicom, "chest.dcm", "application/dicom"));
        assertEquals(Kind.CONNECTION, e.kind());
        assertTrue(e.isTransient());
        assertEquals(2, e.attempts());
        assertEquals(2, wireMock.getAllServeEvents().size());
    }

    @Test
    void anEmptyResponseIsATransientConnectionFailure() {
        wireMock.stubFor(post("/api/cv").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        XraydarException e = assertThrows(XraydarException.class,
                () -> client(1).call(dicom, "chest.dcm", "application/dicom"));
        assertEquals(Kind.CONNECTION, e.kind());
    }

    @Test
    void aRefusedConnectionIsATransientConnectionFailure() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        XraydarEndpoint endpoint = XraydarEndpoint.builder("cv", URI.create("http://127.0.0.1:" + port + "/api/cv"))
                .maxAttempts(1).build();
        XraydarException e = assertThrows(XraydarException.class,
                () -> new XraydarClient(endpoint, () -> TestFiles.KEY, null, null)
                        .call(dicom, "chest.dcm", "application/dicom"));
        assertEquals(Kind.CONNECTION, e.kind());
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() throws Exception {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(2).atOffset(ZoneOffset.UTC));
        wireMock.stubFor(post("/api/cv").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", at))
                .willSetStateTo("open"));
        wireMock.stubFor(post("/api/cv").inScenario("limited").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withBody(ANSWER)));

        long start = System.nanoTime();
        client(2).call(dicom, "chest.dcm", "application/dicom");
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // the date has whole seconds, so the wait is between one and two seconds
        assertTrue(millis >= 900 && millis < 2900, "waited " + millis + " ms");
        assertEquals(2, wireMock.getAllServeEvents().size());
    }

    @Test
    void a503RetryAfterIsHonouredToo() throws Exception {
        wireMock.stubFor(post("/api/cv").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1"))
                .willSetStateTo("free"));
        wireMock.stubFor(post("/api/cv").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody(ANSWER)));
        long start = System.nanoTime();
        client(2).call(dicom, "chest.dcm", "application/dicom");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1000);
    }

    @Test
    void aKeyEchoedByTheServerIsBlankedOut() {
        wireMock.stubFor(post("/api/cv").willReturn(aResponse().withStatus(422)
                .withBody("invalid request for key " + TestFiles.KEY.toLowerCase() + "\n(file rejected)")));
        XraydarException e = assertThrows(XraydarException.class,
                () -> client(3).call(dicom, "chest.dcm", "application/dicom"));
        assertEquals(Kind.CLIENT_ERROR, e.kind());
        assertEquals(422, e.httpStatus().getAsInt());
        assertEquals(1, e.attempts());
        assertEquals("invalid request for key [key] (file rejected)", e.bodyExcerpt());
        assertFalse(e.getMessage().toLowerCase().contains(TestFiles.KEY.toLowerCase()), e.getMessage());
    }

    @Test
    void a403IsUnauthorized() {
        wireMock.stubFor(post("/api/cv").willReturn(aResponse().withStatus(403)));
        XraydarClient client = client(3);
        XraydarException e = assertThrows(XraydarException.class,
                () -> client.call(dicom, "chest.dcm", "application/dicom"));
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertEquals(1, wireMock.getAllServeEvents().size());
        assertTrue(client.unauthorized());
    }

    @Test
    void aRedirectIsNotFollowedAndBreaksTheContract() {
        wireMock.stubFor(post("/api/cv").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "https://elsewhere.example/api/cv")));
        XraydarException e = assertThrows(XraydarException.class,
                () -> client(3).call(dicom, "chest.dcm", "application/dicom"));
        assertEquals(Kind.CONTRACT, e.kind());
        assertEquals(301, e.httpStatus().getAsInt());
        assertEquals(1, wireMock.getAllServeEvents().size());
    }

    @Test
    void aStalledAnswerTimesOut() {
        wireMock.stubFor(post("/api/cv").willReturn(aResponse().withStatus(200).withBody(ANSWER)
                .withFixedDelay(2000)));
        long start = System.nanoTime();
        XraydarException e = assertThrows(XraydarException.class,
                () -> client(1, Duration.ofMillis(500)).call(dicom, "chest.dcm", "application/dicom"));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1500);
    }
}
