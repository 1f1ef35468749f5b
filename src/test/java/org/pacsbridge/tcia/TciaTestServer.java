package org.pacsbridge.tcia;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for TCIA: the v2 interface of the brief ({@code /services/v2/...}), the NBIA API
 * v1, v2 (bearer tokens) and v4 ({@code /nbia-api/services/v1|v2|v4/...}) and the OAuth token
 * endpoint ({@code /nbia-api/oauth/token}), with their quirks. Tests can queue faults for the next
 * requests to a path, and read back every request received.
 */
final class TciaTestServer implements AutoCloseable {

    /** A request as received. */
    record Received(String method, String path, Map<String, String> query, Map<String, String> form,
            Map<String, List<String>> headers, long nanoTime) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * A scripted answer. {@code status} 0 means "answer normally" (after {@code delay}); otherwise the
     * body is sent as is with the given content type and headers.
     */
    record Fault(int status, String contentType, byte[] body, Map<String, String> headers, Duration delay) {

        static Fault status(int status, String contentType, String body) {
            return new Fault(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), Duration.ZERO);
        }

        static Fault body(int status, String contentType, byte[] body) {
            return new Fault(status, contentType, body, Map.of(), Duration.ZERO);
        }

        /** Waits, then answers normally (or with this fault's status, if set). */
        static Fault stall(Duration delay) {
            return new Fault(0, null, new byte[0], Map.of(), delay);
        }

        Fault withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Fault(status, contentType, body, copy, delay);
        }
    }

    private record Queued(String pathSuffix, Fault fault) {
    }

    final TestClock clock = new TestClock(Instant.parse("2026-01-05T08:00:00Z"));
    final OAuthTokenServer oauth = new OAuthTokenServer(clock);
    final BindaasV2Double v2 = new BindaasV2Double();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcia-test-double");
        t.setDaemon(true);
        return t;
    });
    private final TciaTestArchive archive = new TciaTestArchive();
    private final NbiaApiDouble nbiaV1 = new NbiaApiDouble(1, archive);
    private final NbiaApiDouble nbiaV4 = new NbiaApiDouble(4, archive);
    private final List<Received> received = new ArrayList<>();
    private final Deque<Queued> faults = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration answerDelay = Duration.ZERO;

    private TciaTestServer(HttpServer server) {
        this.server = server;
    }

    static TciaTestServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        TciaTestServer double_ = new TciaTestServer(http);
        http.createContext("/", double_::handle);
        http.setExecutor(double_.executor);
        http.start();
        return double_;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The base URL of an interface on this server, as {@code pacs.tcia.base-url} would give it. */
    URI baseUrl(TciaApi api) {
        return URI.create(baseUrl() + switch (api) {
            case V2 -> "/services/v2";
            case NBIA_V1 -> "/nbia-api/services/v1";
            case NBIA_V2 -> "/nbia-api/services/v2";
            case NBIA_V4 -> "/nbia-api/services/v4";
        });
    }

    URI tokenUrl() {
        return URI.create(baseUrl() + "/nbia-api/oauth/token");
    }

    /** Queues faults for the next requests whose path ends with {@code pathSuffix}, in order. */
    synchronized void fail(String pathSuffix, Fault... scripted) {
        for (Fault fault : scripted) {
            faults.add(new Queued(pathSuffix, fault));
        }
    }

    /** Delays every answer (to see requests overlap). */
    void answerDelay(Duration delay) {
        this.answerDelay = delay;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests whose path ends with {@code pathSuffix}. */
    synchronized List<Received> received(String pathSuffix) {
        return received.stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
    }

    Received last(String pathSuffix) {
        List<Received> matching = received(pathSuffix);
        if (matching.isEmpty()) {
            throw new AssertionError("no request to " + pathSuffix + " received; got " + received());
        }
        return matching.get(matching.size() - 1);
    }

    /** What the NBIA interfaces of this server serve; tests may change it. */
    TciaTestArchive archive() {
        return archive;
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    synchronized void reset() {
        received.clear();
        faults.clear();
        maxInFlight.set(0);
        answerDelay = Duration.ZERO;
        oauth.reset();
        archive.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            TestExchange t = new TestExchange(exchange);
            Fault fault;
            synchronized (this) {
                received.add(new Received(t.method(), t.path(), t.query(), t.form(), t.headers(), System.nanoTime()));
                fault = nextFault(t.path());
            }
            sleep(answerDelay);
            if (fault != null) {
                sleep(fault.delay());
                if (fault.status() != 0) {
                    t.bytes(fault.status(), fault.contentType(), fault.body(), fault.headers());
                    return;
                }
            }
            route(t);
        } catch (IOException e) {
            // the client went away (timeouts are tested); nothing to answer
        } catch (RuntimeException e) {
            byte[] body = ("test double failure: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(599, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private Fault nextFault(String path) {
        for (Iterator<Queued> it = faults.iterator(); it.hasNext();) {
            Queued queued = it.next();
            if (path.endsWith(queued.pathSuffix())) {
                it.remove();
                return queued.fault();
            }
        }
        return null;
    }

    private void route(TestExchange t) throws IOException {
        String path = t.path();
        if (path.startsWith("/services/v2/")) {
            v2.handle(t);
        } else if (path.equals("/nbia-api/oauth/token")) {
            oauth.handleToken(t);
        } else if (path.startsWith("/nbia-api/services/v1/")) {
            nbiaV1.handle(t, endpoint(path));
        } else if (path.startsWith("/nbia-api/services/v2/")) {
            if (oauth.authorize(t)) {
                nbiaV1.handle(t, endpoint(path));
            }
        } else if (path.startsWith("/nbia-api/services/v4/")) {
            // a bearer token is optional in v4, but one that is sent must be valid
            if (t.header("Authorization") == null || oauth.authorize(t)) {
                nbiaV4.handle(t, endpoint(path));
            }
        } else {
            t.text(404, "text/html", "<html><body><h1>HTTP Status 404 - Not Found</h1></body></html>");
        }
    }

    private static String endpoint(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
