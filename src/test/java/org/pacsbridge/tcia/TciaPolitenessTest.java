package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.pacsbridge.tcia.TciaTestServer.Fault;

/** Limited parallelism, spacing between requests, downloads holding their slot, and secrets kept out of logs. */
class TciaPolitenessTest {

    private static TciaTestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TciaTestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void noMoreRequestsOpenThanAllowed() throws Exception {
        server.answerDelay(Duration.ofMillis(150));
        assertEquals(2, peakWithSixCallers(2));
        server.reset();
        server.answerDelay(Duration.ofMillis(150));
        int peak = peakWithSixCallers(5);
        assertTrue(peak > 2 && peak <= 5, "with more slots the same callers overlap more: " + peak);
    }

    private int peakWithSixCallers(int slots) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try (TciaClient client = TciaClients.create(TestSettings.fast(server, TciaApi.NBIA_V1)
                .maxConcurrentRequests(slots).build())) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(callers.submit(client::getCollectionValues));
            }
            for (Future<List<String>> result : results) {
                assertEquals(3, result.get(10, TimeUnit.SECONDS).size());
            }
        } finally {
            callers.shutdownNow();
        }
        return server.maxInFlight();
    }

    @Test
    void requestStartsAreSpacedByTheDelay() throws Exception {
        // measured from before the first call: a late arrival (a slow first connection on a busy machine)
        // can only make a request later, so the bound holds unless the delay was skipped
        long before = System.nanoTime();
        try (TciaClient client = TciaClients.create(TestSettings.fast(server, TciaApi.NBIA_V1)
                .requestDelay(Duration.ofMillis(150)).build())) {
            for (int i = 0; i < 4; i++) {
                client.getCollectionValues();
            }
        }
        List<TciaTestServer.Received> calls = server.received();
        assertEquals(4, calls.size());
        for (int i = 1; i < calls.size(); i++) {
            long sinceStartMs = (calls.get(i).nanoTime() - before) / 1_000_000;
            assertTrue(sinceStartMs >= 150L * i, "request " + i + " arrived " + sinceStartMs
                    + " ms after the first call, before " + (150 * i) + " ms");
        }
    }

    @Test
    void anOpenDownloadHoldsItsSlotUntilClosed() throws Exception {
        try (TciaClient client = TciaClients.create(TestSettings.fast(server, TciaApi.NBIA_V1)
                .maxConcurrentRequests(1).build())) {
            TciaImageDownload download = client.getImage(TciaTestData.SERIES_CR);
            CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.getCollectionValues();
                } catch (TciaException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(waiting.isDone());
            assertTrue(server.received("/getCollectionValues").isEmpty(), "the second request waits for the slot");
            download.close();
            assertEquals(3, waiting.get(5, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void aDownloadThatStallsMidStreamFailsTheReadAndFreesTheSlot() throws Exception {
        HttpServer stalling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stalling.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[] {'P', 'K', 3, 4, 0, 0});
            out.flush();
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stalling.setExecutor(Executors.newCachedThreadPool());
        stalling.start();
        try (TciaClient client = TciaClients.create(TestSettings.shipped(TciaApi.NBIA_V1)
                .baseUrl(URI.create("http://127.0.0.1:" + stalling.getAddress().getPort() + "/nbia-api/services/v1"))
                .requestDelay(Duration.ZERO).maxConcurrentRequests(1).readTimeout(Duration.ofMillis(400)).build())) {
            long start = System.nanoTime();
            try (TciaImageDownload download = client.getImage(TciaTestData.SERIES_CR)) {
                InputStream body = download.body();
                assertEquals(6, body.readNBytes(6).length);
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, body::read);
                assertTrue(e.getMessage().contains("TCIA getImage: no data for"), e.getMessage());
            }
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos(), "gave up long before the server");
            // the slot is free again: the next request gets through (and stalls in turn)
            try (TciaImageDownload again = client.getImage(TciaTestData.SERIES_CR)) {
                assertEquals('P', again.body().read());
            }
        } finally {
            stalling.stop(0);
        }
    }

    @Test
    void keysPasswordsAndTokensNeverReachTheLog() throws Exception {
        String token;
        try (TciaLogCapture log = new TciaLogCapture()) {
            try (TciaClient v2 = TciaClients.create(TestSettings.fast(server, TciaApi.V2)
                    .apiKey(BindaasV2Double.API_KEY).apiKeyInQuery(true).build())) {
                server.fail("/getCollectionValues", Fault.status(500, "text/plain", "echo " + BindaasV2Double.API_KEY));
                v2.getCollectionValues();
            }
            try (TciaClient nbia = TciaClients.create(TestSettings.fast(server, TciaApi.NBIA_V2)
                    .username(OAuthTokenServer.USER).password(OAuthTokenServer.PASSWORD).build(), null, server.clock)) {
                nbia.getCollectionValues();
                token = server.last("/getCollectionValues").header("Authorization").substring("Bearer ".length());
                server.fail("/getSeries", Fault.status(401, "application/json",
                        "{\"error\":\"invalid_token\",\"error_description\":\"Invalid access token: " + token + "\"}"),
                        Fault.status(429, "text/plain", "slow down " + token));
                nbia.getSeries(TciaSeriesQuery.inCollection(TciaTestData.LIDC));
            }
            List<String> lines = log.lines();
            assertTrue(lines.size() >= 3, "retries and the renewal were logged: " + lines);
            for (String line : lines) {
                assertFalse(line.contains(BindaasV2Double.API_KEY), line);
                assertFalse(line.contains(OAuthTokenServer.PASSWORD), line);
                assertFalse(line.contains(token), line);
                assertFalse(line.contains("A000123"), "no patient data: " + line);
                assertFalse(line.contains("127.0.0.1"), "no URLs (they carry parameters): " + line);
            }
        }
    }

    @Test
    void settingsPrintWithoutSecrets() {
        TciaSettings settings = TestSettings.shipped(TciaApi.NBIA_V2).apiKey("key-123456").password("pass-123456")
                .clientSecret("secret-123456").build();
        String printed = settings.toString();
        assertFalse(printed.contains("key-123456"));
        assertFalse(printed.contains("pass-123456"));
        assertFalse(printed.contains("secret-123456"));
        assertTrue(printed.contains("api=nbia-v2"));
        assertEquals(TciaSettings.GUEST_USER, settings.username(), "NBIA v2 signs in as guest by default");
    }
}
