package org.pacsbridge.xraydar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacsbridge.failure.RetryAfter;
import org.pacsbridge.xraydar.XraydarException.Kind;

/**
 * A server that answers with a hostile {@code Retry-After} gets a bounded wait: never less than the
 * client's own backoff, never more than its longest, never a thread held past {@code maxBackoff}.
 */
class XraydarHostileRetryAfterTest {

    private static final String ANSWER = "{\"AI_urgency\":\"non-urgent\",\"AI_prediction\":"
            + "{\"abnormal_non_clinically_important\":0.2855,\"aortic_calcification\":0.0097}}";
    private static final Duration INITIAL = Duration.ofMillis(300);
    private static final Duration MAX = Duration.ofSeconds(2);

    @RegisterExtension
    static final WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;
    private Path dicom;

    @BeforeEach
    void image() throws Exception {
        dicom = TestFiles.dicom(dir, "chest.dcm", 3);
    }

    private XraydarClient client(int maxAttempts) {
        XraydarEndpoint endpoint = XraydarEndpoint.builder("cv", URI.create(wireMock.baseUrl() + "/api/cv"))
                .readTimeout(Duration.ofSeconds(2))
                .initialBackoff(INITIAL)
                .maxBackoff(MAX)
                .jitter(0)
                .maxAttempts(maxAttempts)
                .failureThreshold(100)
                .build();
        return new XraydarClient(endpoint, () -> TestFiles.KEY, null, null);
    }

    private void onceThenAnswer(int status, String retryAfter) {
        wireMock.stubFor(post("/api/cv").inScenario("hostile").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(status).withHeader("Retry-After", retryAfter))
                .willSetStateTo("answering"));
        wireMock.stubFor(post("/api/cv").inScenario("hostile").whenScenarioStateIs("answering")
                .willReturn(aResponse().withStatus(200).withBody(ANSWER)));
    }

    private long gapMillis() {
        List<LoggedRequest> requests = wireMock.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/cv")));
        assertEquals(2, requests.size());
        return Math.abs(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "Thu, 01 Jan 1970 00:00:00 GMT", "-5", "soon", "1.5", "\u0663"})
    void aRetryAfterAskingForNoWaitOrUnreadableGetsTheOwnBackoff(String retryAfter) throws Exception {
        for (int status : new int[] {429, 503}) {
            wireMock.resetAll();
            onceThenAnswer(status, retryAfter);
            client(2).call(dicom, "chest.dcm", "application/dicom");
            long gap = gapMillis();
            assertTrue(gap >= INITIAL.toMillis() - 20 && gap < MAX.toMillis() + 500,
                    status + " with Retry-After '" + retryAfter + "': waited " + gap + " ms");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999999999", "9223372036854775807", "3", "Fri, 31 Dec 9999 23:59:59 GMT"})
    void aRetryAfterPastTheLongestBackoffEndsTheCallAtOnceWithABoundedWait(String retryAfter) {
        onceThenAnswer(429, retryAfter);
        long start = System.nanoTime();
        XraydarException e = assertThrows(XraydarException.class,
                () -> client(4).call(dicom, "chest.dcm", "application/dicom"));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertEquals(1, e.attempts());
        assertTrue(millis < 1500, "held the call for " + millis + " ms");
        Duration asked = e.retryAfter().orElseThrow();
        assertTrue(asked.compareTo(MAX) > 0 && asked.compareTo(RetryAfter.LONGEST) <= 0, retryAfter + " -> " + asked);
        assertTrue(e.isTransient());
        assertFalse(e.waitsForRetry(), "the client's retries were the wait; the route decides on the input");
    }

    @Test
    void aPermanentFailureIsNotRetriedWhateverItsRetryAfterSays() {
        for (int status : new int[] {400, 401, 403, 404, 413, 422}) {
            wireMock.resetAll();
            wireMock.stubFor(post("/api/cv").willReturn(aResponse().withStatus(status).withHeader("Retry-After", "1")));
            XraydarException e = assertThrows(XraydarException.class,
                    () -> client(4).call(dicom, "chest.dcm", "application/dicom"));
            assertFalse(e.isTransient(), Integer.toString(status));
            assertFalse(e.waitsForRetry(), Integer.toString(status));
            assertEquals(1, wireMock.getAllServeEvents().size(), "HTTP " + status + " was retried");
        }
    }
}
