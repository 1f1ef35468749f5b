package org.pacsbridge.xraydar.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jboss.logging.Logger;
import org.pacsbridge.xraydar.XraydarStandIn;

/**
 * A stand-in for the X-Raydar service, for tests, demos and benchmarks. <b>Its answers are made up,
 * not model output</b>, and say so in a {@code simulator} field and an {@code X-Simulator} header.
 *
 * <p>Follows the X-Raydar HTTP contract on {@code POST /api/cv} and {@code POST /api/nlp}:
 * a {@code multipart/form-data} body with a {@code key} field (missing or not 16 letters/digits:
 * 401) and a {@code file} part (missing: 400). For CV the file must be DICOM Part 10 ({@code DICM}
 * at offset 128, else 415); for NLP it must be non-empty UTF-8 text (else 400). A valid request is
 * answered with {@code {"AI_urgency", "AI_prediction" (all 38 keys), "simulator"}}, derived
 * deterministically from the SHA-256 of the file content.
 *
 * <p>Faults are set with {@link #faults(FaultPlan)} or over HTTP: {@code POST /simulator/faults}
 * with the JSON form of {@link FaultPlan}, {@code DELETE /simulator/faults} to clear,
 * {@code GET /simulator/faults} to read what is left.
 *
 * <p>The next answer on a path can be given chosen values ({@link #scriptNext}, or
 * {@code POST /simulator/answers/cv} or {@code /simulator/answers/nlp} with the JSON form of
 * {@link ScriptedAnswer}), e.g. to show a discrepancy alert in a demo.
 *
 * <p>The last {@value #RECORDED} requests are kept for inspection ({@link #received()}).
 * Requests are served by a cached thread pool, so held ("hang") requests never block others.
 */
public final class XraydarSimulator implements XraydarStandIn, AutoCloseable {

    /** How many received requests are kept. */
    public static final int RECORDED = 200;

    private static final Logger LOG = Logger.getLogger(XraydarSimulator.class);
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9]{16}");
    private static final int MAX_BODY = 256 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes response headers and body separately; with Nagle's algorithm on, the
        // body waits for the client's delayed ACK (about 40 ms per answer), which would swamp benchmarks.
        // The property is read once, when the JDK server classes load, and only if nobody set it.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * One request as received.
     *
     * @param path        {@code /api/cv} or {@code /api/nlp}
     * @param keyPresent  whether a non-empty {@code key} field was sent (the key itself is not kept)
     * @param fileName    file name of the {@code file} part, or {@code null}
     * @param contentType content type of the {@code file} part, or {@code null}
     * @param content     bytes of the {@code file} part, or {@code null} if there was none
     * @param receivedAt  when the request arrived
     */
    public record ReceivedFile(String path, boolean keyPresent, String fileName, String contentType, byte[] content,
            Instant receivedAt) {

        /** A copy of the file bytes, or {@code null}. */
        @Override
        public byte[] content() {
            return content == null ? null : content.clone();
        }
    }

    private final String host;
    private final int requestedPort;
    private final Deque<ReceivedFile> received = new ArrayDeque<>();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final ActiveFaults faults = new ActiveFaults();
    private final Map<String, Deque<ScriptedAnswer>> scripted = new ConcurrentHashMap<>();
    private volatile boolean nlpVocabulary = true;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param host interface to listen on, e.g. {@code 127.0.0.1}
     * @param port port to listen on; 0 picks a free one
     */
    public XraydarSimulator(String host, int port) {
        this.host = host;
        this.requestedPort = port;
    }

    /**
     * Which vocabulary {@code /api/nlp} answers in: the NLP model's own 45 labels without an urgency
     * (true, the default, as the open-source NLP model answers) or the CV model's 38 keys with one.
     */
    public XraydarSimulator nlpVocabulary(boolean nlp) {
        this.nlpVocabulary = nlp;
        return this;
    }

    /** Starts listening. */
    public synchronized XraydarSimulator start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(host, requestedPort), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator cannot listen on " + host + ":" + requestedPort, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "xraydar-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(CV_PATH, exchange -> serve(exchange, CV_PATH));
        server.createContext(NLP_PATH, exchange -> serve(exchange, NLP_PATH));
        server.createContext("/simulator/faults", this::serveFaults);
        server.createContext("/simulator/answers/cv", exchange -> serveScripted(exchange, CV_PATH));
        server.createContext("/simulator/answers/nlp", exchange -> serveScripted(exchange, NLP_PATH));
        server.createContext("/", exchange -> respond(exchange, 404, error("not found")));
        server.start();
        LOG.infof("X-Raydar simulator (not model output) listening on %s:%d", host, port());
        return this;
    }

    /** The port listened on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("simulator not started");
        }
        return server.getAddress().getPort();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:40123}. */
    @Override
    public String baseUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    /** Stops listening and interrupts requests in progress. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    /** Replaces the fault plan (counts start afresh; requests held by a hang are let go). */
    public void faults(FaultPlan plan) {
        faults.set(plan);
    }

    /** Removes all faults. */
    public void clearFaults() {
        faults.set(FaultPlan.NONE);
    }

    /** The fault plan with what is left of its counts. */
    public FaultPlan faults() {
        return faults.remaining();
    }

    /** The next valid request on {@code path} ({@link #CV_PATH} or {@link #NLP_PATH}) gets these values. */
    public void scriptNext(String path, ScriptedAnswer answer) {
        Deque<ScriptedAnswer> queue = scripted.computeIfAbsent(path, p -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addLast(answer);
        }
    }

    /** Forgets scripted answers not used yet. */
    public void clearScripted() {
        scripted.clear();
    }

    /** The last {@value #RECORDED} requests to the algorithm paths, oldest first. */
    public List<ReceivedFile> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** Forgets received requests, request counts and the in-flight peak. */
    public void clearReceived() {
        synchronized (received) {
            received.clear();
        }
        requestCounts.clear();
        peakInFlight.set(inFlight.get());
    }

    /** Requests received on a path since start or {@link #clearReceived()}. */
    public int requestCount(String path) {
        AtomicInteger count = requestCounts.get(path);
        return count == null ? 0 : count.get();
    }

    /** Requests being served right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Most requests served at the same time since start or {@link #clearReceived()}. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    private void serve(HttpExchange exchange, String path) throws IOException {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        try {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                respond(exchange, 404, error("not found"));
                return;
            }
            requestCounts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, error("use POST"));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, error("request too large"));
                return;
            }
            MultipartForm form = parseForm(exchange.getRequestHeaders().getFirst("Content-Type"), body);
            record(path, form);
            FaultPlan plan = faults.current();
            sleep(plan.latency());
            ActiveFaults.Action action = faults.next();
            if (action == ActiveFaults.Action.HANG) {
                faults.hold(plan.hang());
            }
            switch (action) {
                case UNAUTHORIZED -> respond(exchange, 401, error("invalid key"));
                case RATE_LIMIT -> {
                    exchange.getResponseHeaders().set("Retry-After", retryAfter(plan));
                    respond(exchange, 429, error("too many requests"));
                }
                case FAIL -> respond(exchange, plan.failStatus(), error("simulated failure"));
                case MALFORMED -> respondMalformed(exchange, path, form, plan.malformation());
                case HANG, NONE -> answer(exchange, path, form, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException e) {
            LOG.warnf("X-Raydar simulator failed on a request: %s", e.getClass().getSimpleName());
            respond(exchange, 500, error("simulator error"));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange, String path, MultipartForm form, boolean outOfRange)
            throws IOException {
        Optional<byte[]> content = validate(exchange, path, form);
        if (content.isPresent()) {
            Map<String, Object> answer = NLP_PATH.equals(path) && nlpVocabulary && !outOfRange
                    ? SimulatedPrediction.nlpAnswer(content.get())
                    : SimulatedPrediction.answer(content.get(), outOfRange);
            ScriptedAnswer next = nextScripted(path);
            if (next != null) {
                next.applyTo(answer);
            }
            respond(exchange, 200, answer);
        }
    }

    private ScriptedAnswer nextScripted(String path) {
        Deque<ScriptedAnswer> queue = scripted.get(path);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    private void serveScripted(HttpExchange exchange, String path) throws IOException {
        try {
            switch (exchange.getRequestMethod()) {
                case "POST", "PUT" -> {
                    byte[] body = readBody(exchange.getRequestBody());
                    scriptNext(path, ScriptedAnswer.fromJson(body == null ? null : JSON.readTree(body)));
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                }
                case "DELETE" -> {
                    scripted.remove(path);
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                }
                default -> respond(exchange, 405, error("use POST or DELETE"));
            }
        } catch (IOException | IllegalArgumentException e) {
            respond(exchange, 400, error("bad scripted answer: " + e.getMessage()));
        }
    }

    /** Checks key, file part and file type; answers the error itself and returns empty when invalid. */
    private Optional<byte[]> validate(HttpExchange exchange, String path, MultipartForm form) throws IOException {
        Optional<MultipartForm.Part> key = form == null ? Optional.empty() : form.part("key");
        String keyText = key.map(k -> new String(k.content(), StandardCharsets.UTF_8)).orElse("");
        if (!KEY_FORMAT.matcher(keyText).matches()) {
            respond(exchange, 401, error("key missing or not 16 letters/digits"));
            return Optional.empty();
        }
        Optional<MultipartForm.Part> file = form.part("file");
        if (file.isEmpty()) {
            respond(exchange, 400, error("no file part"));
            return Optional.empty();
        }
        byte[] bytes = file.get().content();
        if (CV_PATH.equals(path) && !isDicomPart10(bytes)) {
            respond(exchange, 415, error("not a DICOM Part 10 file"));
            return Optional.empty();
        }
        if (NLP_PATH.equals(path) && !isUtf8Text(bytes)) {
            respond(exchange, 400, error("report is not non-empty UTF-8 text"));
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    private void respondMalformed(HttpExchange exchange, String path, MultipartForm form,
            FaultPlan.Malformation malformation) throws IOException {
        if (malformation == FaultPlan.Malformation.PROBABILITY_OUT_OF_RANGE) {
            answer(exchange, path, form, true);
            return;
        }
        byte[] html = "<html><body><h1>Service temporarily unavailable</h1></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("X-Simulator", "x-raydar-simulator");
        exchange.sendResponseHeaders(200, html.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(html);
        }
    }

    private void serveFaults(HttpExchange exchange) throws IOException {
        try {
            switch (exchange.getRequestMethod()) {
                case "POST", "PUT" -> {
                    byte[] body = readBody(exchange.getRequestBody());
                    JsonNode json = body == null ? null : JSON.readTree(body);
                    faults(FaultPlan.fromJson(json));
                    respond(exchange, 200, faults().toJson());
                }
                case "DELETE" -> {
                    clearFaults();
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                }
                case "GET" -> respond(exchange, 200, faults().toJson());
                default -> respond(exchange, 405, error("use GET, POST or DELETE"));
            }
        } catch (IOException | IllegalArgumentException e) {
            respond(exchange, 400, error("bad fault plan: " + e.getMessage()));
        }
    }

    private void record(String path, MultipartForm form) {
        Optional<MultipartForm.Part> file = form == null ? Optional.empty() : form.part("file");
        boolean keyPresent = form != null && form.part("key").map(k -> k.content().length > 0).orElse(false);
        ReceivedFile entry = new ReceivedFile(path, keyPresent, file.map(MultipartForm.Part::fileName).orElse(null),
                file.map(MultipartForm.Part::contentType).orElse(null),
                file.map(MultipartForm.Part::content).orElse(null), Instant.now());
        synchronized (received) {
            if (received.size() == RECORDED) {
                received.removeFirst();
            }
            received.addLast(entry);
        }
    }

    private static MultipartForm parseForm(String contentType, byte[] body) {
        Optional<String> boundary = MultipartForm.boundary(contentType);
        if (boundary.isEmpty()) {
            return null;
        }
        try {
            return MultipartForm.parse(body, boundary.get());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isDicomPart10(byte[] bytes) {
        return bytes.length >= 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M';
    }

    private static boolean isUtf8Text(byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String retryAfter(FaultPlan plan) {
        if (plan.retryAfterAsDate()) {
            // HTTP dates have whole seconds: round up so the client never waits less than asked
            Instant at = Instant.now().plus(plan.retryAfter()).plusSeconds(1);
            return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
        }
        return Long.toString(plan.retryAfter().toSeconds());
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BODY) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message, "simulator", SimulatedPrediction.LABEL);
    }

    private static void respond(HttpExchange exchange, int status, Object json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Simulator", "x-raydar-simulator");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
