package org.pacsbridge.xraydar;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;
import org.pacsbridge.failure.Backoff;
import org.pacsbridge.failure.RetryAfter;
import org.pacsbridge.http.CappedBody;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.xraydar.XraydarException.Kind;

/**
 * Sends one file to one X-Raydar algorithm and returns the validated answer.
 *
 * <p>A call runs inside a bulkhead (at most {@code maxConcurrentCalls} at once, waiting up to
 * {@code bulkheadWait} for a slot) and makes up to {@code maxAttempts} HTTP attempts. Transient
 * failures are retried with backoff (see {@link XraydarEndpoint}); 500 and other 5xx outside
 * 502-504 only {@code maxServer500Attempts} times; permanent failures never. The circuit breaker is
 * asked before every attempt; when it is open the call fails with {@link Kind#CIRCUIT_OPEN} without
 * touching the network, and when it opens during a call the call stops retrying and throws the
 * failure that opened it.
 *
 * <p>The key is read from the supplier once per call, checked locally (16 letters or digits) and
 * sent only in the request body. It never appears in messages, logs or metrics. Log lines name
 * the endpoint, kind, status and attempts, never the file name or content.
 *
 * <p>Thread-safe; one instance per endpoint.
 */
public final class XraydarClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(XraydarClient.class);
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9]{16}");

    private final XraydarEndpoint endpoint;
    private final Supplier<String> apiKey;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final Semaphore bulkhead;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final XraydarMetrics metrics;
    private volatile boolean unauthorized;

    /**
     * @param registry   where to publish metrics; {@code null} keeps them private
     * @param httpClient the HTTP client to use; {@code null} builds one (HTTP/1.1, no redirects,
     *                   the endpoint's connect timeout)
     */
    public XraydarClient(XraydarEndpoint endpoint, Supplier<String> apiKey, MeterRegistry registry,
            HttpClient httpClient) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.http = httpClient != null ? httpClient
                : HttpClient.newBuilder()
                        .connectTimeout(endpoint.connectTimeout())
                        // one upload per request: HTTP/2 gains nothing and h2c upgrade confuses some servers
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.breaker = new CircuitBreaker(endpoint.failureThreshold(), endpoint.openDuration());
        this.backoff = new Backoff(endpoint.initialBackoff(), endpoint.maxBackoff(), endpoint.jitter());
        this.bulkhead = new Semaphore(endpoint.maxConcurrentCalls(), true);
        this.metrics = new XraydarMetrics(registry, endpoint.name(), breaker, inFlight);
    }

    /**
     * Sends a file and returns X-Raydar's answer.
     *
     * @param file        the file to send (DICOM for CV, UTF-8 text for NLP); streamed from disk
     * @param fileName    the original file name, sent in the {@code file} part
     * @param contentType e.g. {@code application/dicom} or {@code text/plain; charset=utf-8}
     * @throws XraydarException     when no valid answer was obtained; {@code attempts()} tells how many
     *                              HTTP attempts were made
     * @throws UncheckedIOException when the file is missing or unreadable (a local fault, not the endpoint's)
     */
    public XraydarResult call(Path file, String fileName, String contentType) throws XraydarException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        long start = System.nanoTime();
        try {
            XraydarResult result = callInBulkhead(file, fileName, contentType);
            unauthorized = false;
            metrics.callSucceeded(System.nanoTime() - start);
            return result;
        } catch (XraydarException e) {
            if (e.kind() == Kind.UNAUTHORIZED) {
                unauthorized = true;
            }
            metrics.callFailed(e, System.nanoTime() - start);
            logFailure(e);
            throw e;
        }
    }

    /** The circuit breaker's state, for health checks. */
    public CircuitBreaker.State circuitState() {
        return breaker.state();
    }

    /** Whether the last answer (or the local key check) rejected the key; cleared by the next success. */
    public boolean unauthorized() {
        return unauthorized;
    }

    /** Calls currently holding a bulkhead slot. */
    public int inFlight() {
        return inFlight.get();
    }

    public XraydarEndpoint endpoint() {
        return endpoint;
    }

    /** Removes this client's meters from the registry. */
    @Override
    public void close() {
        metrics.remove();
    }

    private XraydarResult callInBulkhead(Path file, String fileName, String contentType) throws XraydarException {
        String key = apiKey.get();
        if (key == null || !KEY_FORMAT.matcher(key).matches()) {
            throw refused(Kind.UNAUTHORIZED, "X-Raydar " + endpoint.name()
                    + ": key missing or not 16 letters/digits; endpoint not called", null);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UncheckedIOException(new FileNotFoundException("the file to send is missing or not readable"));
        }
        MultipartUpload upload = new MultipartUpload(key, file, fileName, contentType);
        try {
            if (!bulkhead.tryAcquire(endpoint.bulkheadWait().toNanos(), TimeUnit.NANOSECONDS)) {
                throw refused(Kind.BULKHEAD_FULL, "X-Raydar " + endpoint.name() + ": "
                        + endpoint.maxConcurrentCalls() + " calls in flight and no slot free within "
                        + endpoint.bulkheadWait() + "; endpoint not called", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(Kind.BULKHEAD_FULL, "X-Raydar " + endpoint.name()
                    + ": interrupted while waiting for a bulkhead slot", null);
        }
        inFlight.incrementAndGet();
        try {
            return withRetries(upload, key);
        } finally {
            inFlight.decrementAndGet();
            bulkhead.release();
        }
    }

    private XraydarResult withRetries(MultipartUpload upload, String key) throws XraydarException {
        int attempts = 0;
        int limitedServerErrors = 0;
        XraydarException last = null;
        while (true) {
            if (!breaker.tryAcquire()) {
                throw refused(Kind.CIRCUIT_OPEN, "X-Raydar " + endpoint.name() + ": circuit open; endpoint not called",
                        last).withAttempts(attempts);
            }
            attempts++;
            metrics.attempt();
            XraydarException failure = null;
            boolean reported = false;
            try {
                XraydarResult result = attempt(upload, key);
                breaker.onSuccess();
                reported = true;
                return result;
            } catch (XraydarException e) {
                // only failures that say the endpoint is unwell count against the circuit
                if (e.isTransient()) {
                    breaker.onFailure();
                } else {
                    breaker.onSuccess();
                }
                reported = true;
                failure = e;
            } finally {
                if (!reported) {
                    breaker.onFailure(); // an unexpected error must not leave a half-open trial dangling
                }
            }
            metrics.failure(failure.kind());
            last = failure.withAttempts(attempts);
            if (!failure.isTransient() || attempts >= endpoint.maxAttempts()) {
                throw failure;
            }
            if (usesServerErrorBudget(failure) && ++limitedServerErrors >= endpoint.maxServer500Attempts()) {
                throw failure;
            }
            Optional<Duration> wait = backoff.beforeNextAttempt(attempts, failure.retryAfter());
            if (wait.isEmpty()) {
                throw failure; // the server wants more than we hold a thread for
            }
            if (breaker.state() == CircuitBreaker.State.OPEN) {
                throw failure;
            }
            sleep(wait.get(), failure);
        }
    }

    /** 500 (and 501, 505...) suggest a fault that repeats for this input; 502-504 suggest a passing outage. */
    private static boolean usesServerErrorBudget(XraydarException e) {
        if (e.kind() != Kind.SERVER_ERROR || e.httpStatus().isEmpty()) {
            return false;
        }
        int status = e.httpStatus().getAsInt();
        return status < 502 || status > 504;
    }

    private static void sleep(Duration wait, XraydarException pending) throws XraydarException {
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw pending;
        }
    }

    private XraydarResult attempt(MultipartUpload upload, String key) throws XraydarException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint.url())
                    .timeout(endpoint.readTimeout())
                    .header("Content-Type", upload.contentType())
                    .header("Accept", "application/json")
                    .POST(upload.publisher())
                    .build();
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(new FileNotFoundException("the file to send is missing or not readable"));
        }
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, CappedBody.ofByteArray(endpoint.maxAnswerBytes()));
        // the request timeout stops at the response headers; this bounds a body that stalls as well
        long deadline = endpoint.connectTimeout().plus(endpoint.readTimeout()).toNanos();
        HttpResponse<byte[]> response;
        try {
            response = future.get(deadline, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new XraydarException(Kind.TIMEOUT, "X-Raydar " + endpoint.name() + ": no complete answer within "
                    + endpoint.readTimeout(), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new XraydarException(Kind.CONNECTION, "X-Raydar " + endpoint.name() + ": interrupted", e);
        } catch (ExecutionException e) {
            throw transportFailure(e.getCause() == null ? e : e.getCause());
        }
        return interpret(response, key);
    }

    private XraydarException transportFailure(Throwable t) {
        String name = endpoint.name();
        if (CappedBody.tooLarge(t) != null) {
            // X-Raydar answers a few KiB; more is not the contract, and trying again will not shrink it
            return new XraydarException(Kind.CONTRACT, "X-Raydar " + name + ": answer larger than "
                    + endpoint.maxAnswerBytes() + " bytes (not read further)", t);
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new XraydarException(Kind.TIMEOUT, "X-Raydar " + name + ": could not connect within "
                    + endpoint.connectTimeout(), t);
        }
        if (t instanceof HttpTimeoutException) {
            return new XraydarException(Kind.TIMEOUT, "X-Raydar " + name + ": no answer within "
                    + endpoint.readTimeout(), t);
        }
        if (t instanceof ConnectException) {
            return new XraydarException(Kind.CONNECTION, "X-Raydar " + name + ": could not connect", t);
        }
        // the class says enough; JDK messages may carry local paths
        String what = t instanceof IOException ? "connection failed" : "request failed";
        return new XraydarException(Kind.CONNECTION, "X-Raydar " + name + ": " + what + " ("
                + t.getClass().getSimpleName() + ")", t);
    }

    private XraydarResult interpret(HttpResponse<byte[]> response, String key) throws XraydarException {
        int status = response.statusCode();
        byte[] body = response.body();
        String name = endpoint.name();
        if (status >= 200 && status < 300) {
            try {
                return "nlp".equals(name) ? XraydarResponseParser.parseNlp(body) : XraydarResponseParser.parse(body);
            } catch (XraydarException e) {
                throw new XraydarException(Kind.CONTRACT, "X-Raydar " + name + ": " + e.getMessage(), status,
                        excerpt(body, key), null, null);
            }
        }
        String excerpt = excerpt(body, key);
        Optional<Duration> retryAfter = RetryAfter.parse(
                response.headers().firstValue("Retry-After").orElse(null), Instant.now());
        if (status == 401 || status == 403) {
            throw new XraydarException(Kind.UNAUTHORIZED, "X-Raydar " + name + " rejected the key (HTTP "
                    + status + ")", status, excerpt, null, null);
        }
        if (status == 429) {
            throw new XraydarException(Kind.RATE_LIMITED, "X-Raydar " + name + " is rate limiting (HTTP 429"
                    + retryAfter.map(d -> ", Retry-After " + d).orElse("") + ")", status, excerpt,
                    retryAfter.orElse(null), null);
        }
        if (status >= 500 && status < 600) {
            Duration wait = status == 503 ? retryAfter.orElse(null) : null;
            throw new XraydarException(Kind.SERVER_ERROR, "X-Raydar " + name + " failed (HTTP " + status + ")",
                    status, excerpt, wait, null);
        }
        if (status >= 400 && status < 500) {
            throw new XraydarException(Kind.CLIENT_ERROR, "X-Raydar " + name + " refused the request (HTTP "
                    + status + ")" + (excerpt.isEmpty() ? "" : ": " + excerpt), status, excerpt, null, null);
        }
        throw new XraydarException(Kind.CONTRACT, "X-Raydar " + name + " answered with unexpected HTTP "
                + status, status, excerpt, null, null);
    }

    /** The start of the body as text, with any echo of the key blanked out. */
    static String excerpt(byte[] body, String key) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 8 * XraydarException.MAX_EXCERPT),
                StandardCharsets.UTF_8);
        if (key != null && !key.isEmpty()) {
            text = Pattern.compile(Pattern.quote(key), Pattern.CASE_INSENSITIVE).matcher(text)
                    .replaceAll(Matcher.quoteReplacement("[key]"));
        }
        return XraydarException.excerpt(text);
    }

    private XraydarException refused(Kind kind, String message, XraydarException cause) {
        metrics.failure(kind);
        return new XraydarException(kind, message, null, null,
                kind == Kind.CIRCUIT_OPEN ? breaker.remainingOpen() : null, cause);
    }

    private void logFailure(XraydarException e) {
        String status = e.httpStatus().isPresent() ? Integer.toString(e.httpStatus().getAsInt()) : "-";
        Logger.Level level = e.isTransient() ? Logger.Level.WARN : Logger.Level.ERROR;
        LOG.logf(level, "X-Raydar %s call failed: kind=%s status=%s attempts=%d transient=%s", endpoint.name(),
                e.kind(), status, e.attempts(), e.isTransient());
    }
}
