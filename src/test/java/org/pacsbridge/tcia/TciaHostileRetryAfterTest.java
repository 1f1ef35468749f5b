package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacsbridge.failure.RetryAfter;
import org.pacsbridge.tcia.TciaException.Kind;
import org.pacsbridge.tcia.TciaTestServer.Fault;

/**
 * A TCIA server answering with a hostile {@code Retry-After} gets a bounded wait, permanent failures
 * are never retried, and transient ones wait longer each time, within bounds, not in step.
 */
class TciaHostileRetryAfterTest {

    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(1);

    private static TciaTestServer server;
    private static TciaClient client;

    @BeforeAll
    static void start() throws IOException {
        server = TciaTestServer.start();
        client = TciaClients.create(TestSettings.fast(server, TciaApi.NBIA_V1)
                .initialBackoff(INITIAL).maxBackoff(MAX).maxAttempts(5).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static List<Long> gapsMillis(String path) {
        List<TciaTestServer.Received> calls = server.received(path);
        return java.util.stream.IntStream.range(1, calls.size())
                .mapToObj(i -> (calls.get(i).nanoTime() - calls.get(i - 1).nanoTime()) / 1_000_000).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "Thu, 01 Jan 1970 00:00:00 GMT", "-5", "soon", "1.5", "\u0663"})
    void aRetryAfterAskingForNoWaitOrUnreadableGetsTheOwnBackoff(String retryAfter) throws Exception {
        server.fail("/getCollectionValues", Fault.status(503, "text/plain", "busy").withHeader("Retry-After", retryAfter));
        assertEquals(3, client.getCollectionValues().size());
        List<Long> gaps = gapsMillis("/getCollectionValues");
        assertEquals(1, gaps.size());
        // the backoff is up to a fifth shorter at random
        assertTrue(gaps.get(0) >= INITIAL.toMillis() * 4 / 5 - 10 && gaps.get(0) < MAX.toMillis() + 500,
                "Retry-After '" + retryAfter + "': waited " + gaps.get(0) + " ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999999999", "9223372036854775807", "2", "Fri, 31 Dec 9999 23:59:59 GMT"})
    void aRetryAfterPastTheLongestBackoffEndsTheCallAtOnceWithABoundedWait(String retryAfter) {
        server.fail("/getCollectionValues", Fault.status(429, "text/plain", "later").withHeader("Retry-After", retryAfter));
        long start = System.nanoTime();
        TciaException e = assertThrows(TciaException.class, client::getCollectionValues);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertEquals(1, e.attempts());
        assertTrue(millis < 1500, "held the call for " + millis + " ms");
        Duration asked = e.retryAfter().orElseThrow();
        assertTrue(asked.compareTo(MAX) > 0 && asked.compareTo(RetryAfter.LONGEST) <= 0, retryAfter + " -> " + asked);
        assertTrue(e.waitsForRetry(), "the next sync run tries again");
    }

    @Test
    void aPermanentFailureIsNotRetriedWhateverItsRetryAfterSays() {
        for (int status : new int[] {400, 401, 403, 404, 422}) {
            server.reset();
            server.fail("/getCollectionValues", Fault.status(status, "text/plain", "no").withHeader("Retry-After", "1"));
            TciaException e = assertThrows(TciaException.class, client::getCollectionValues);
            assertFalse(e.isTransient(), Integer.toString(status));
            assertFalse(e.waitsForRetry(), Integer.toString(status));
            assertEquals(1, server.received("/getCollectionValues").size(), "HTTP " + status + " was retried");
        }
    }

    @Test
    void transientFailuresWaitLongerEachTimeUpToTheLongest() throws Exception {
        Fault busy = Fault.status(503, "text/plain", "busy");
        server.fail("/getCollectionValues", busy, busy, busy, busy);
        assertEquals(3, client.getCollectionValues().size());
        List<Long> gaps = gapsMillis("/getCollectionValues");
        assertEquals(4, gaps.size());
        long[] ceilings = {200, 400, 800, 1000};
        for (int i = 0; i < ceilings.length; i++) {
            long gap = gaps.get(i);
            assertTrue(gap >= ceilings[i] * 4 / 5 - 10 && gap <= ceilings[i] + 300,
                    "wait " + (i + 1) + " was " + gap + " ms, expected up to " + ceilings[i] + " ms less a fifth at most");
        }
    }
}
