package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;
import org.pacsbridge.failure.Backoff;
import org.pacsbridge.failure.RetryAfter;
import org.pacsbridge.http.CappedBody;

import org.pacsbridge.tcia.TciaException.Kind;

/**
 * Sends requests to TCIA politely and turns answers into bodies or {@link TciaException}s.
 *
 * <p>Every attempt waits for a {@link RequestPacer} slot; transient failures (429, 5xx, timeouts,
 * broken connections) are retried with a {@link Backoff}, honouring {@code Retry-After}. A 401 on a
 * request with a bearer token is retried once with a new token. Log lines name the endpoint, the
 * failure kind and the status, never a URL, a parameter value or a credential.
 */
final class TciaHttp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TciaHttp.class);
    private static final int MAX_ERROR_BODY = 8 * 1024;
    private static final String USER_AGENT = "PACS-Bridge-TCIA-client";
    /** Several nodes syncing after the same outage should not come back in step. */
    private static final double JITTER = 0.2;

    private final TciaSettings settings;
    private final HttpClient http;
    private final RequestPacer pacer;
    private final Backoff backoff;
    private final Redactor redactor;
    private final ScheduledExecutorService watchdog;

    TciaHttp(TciaSettings settings, HttpClient httpClient, Redactor redactor) {
        this.settings = settings;
        this.http = httpClient != null ? httpClient
                : HttpClient.newBuilder()
                        .connectTimeout(settings.connectTimeout())
                        .version(HttpClient.Version.HTTP_1_1)
                        // a redirect would carry the api_key header to wherever it points
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.pacer = new RequestPacer(settings.maxConcurrentRequests(), settings.requestDelay());
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), JITTER);
        this.redactor = redactor;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tcia-stream-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends the request (with retries) and returns its 2xx answer, read completely. */
    TciaAnswer exchange(TciaRequest request, TciaAuth auth) throws TciaException {
        return withRetries(request, auth, this::exchangeOnce);
    }

    /**
     * Sends the request (with retries until an answer starts) and returns the 2xx answer's body as a
     * stream that holds a request slot until closed.
     */
    StreamingAnswer open(TciaRequest request, TciaAuth auth) throws TciaException {
        return withRetries(request, auth, this::openOnce);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** A 2xx answer whose body is still arriving. */
    record StreamingAnswer(int status, HttpHeaders headers, InputStream body) {
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T send(TciaRequest request, HttpRequest httpRequest) throws TciaException;
    }

    private <T> T withRetries(TciaRequest request, TciaAuth auth, Attempt<T> attempt) throws TciaException {
        int attempts = 0;
        boolean renewed = false;
        while (true) {
            HttpRequest httpRequest = build(request, auth); // token failures were retried where they happened
            attempts++;
            try {
                return attempt.send(request, httpRequest);
            } catch (TciaException e) {
                e.withAttempts(attempts);
                if (e.kind() == Kind.UNAUTHORIZED && !renewed && auth.renewAfterRejection()) {
                    renewed = true;
                    LOG.infof("TCIA %s: credentials rejected%s; trying once more with a new token",
                            request.endpoint(), status(e));
                    continue;
                }
                if (!e.isTransient() || attempts >= settings.maxAttempts()) {
                    throw e;
                }
                Optional<Duration> next = backoff.beforeNextAttempt(attempts, e.retryAfter());
                if (next.isEmpty()) {
                    throw e; // longer than a call should hold a thread; the caller reschedules
                }
                Duration wait = next.get();
                LOG.warnf("TCIA %s: %s%s on attempt %d of %d; next attempt in %d ms", request.endpoint(),
                        e.kind(), status(e), attempts, settings.maxAttempts(), wait.toMillis());
                sleep(wait, e);
            }
        }
    }

    private HttpRequest build(TciaRequest request, TciaAuth auth) throws TciaException {
        QueryString query = request.query().copy();
        HttpRequest.Builder builder = HttpRequest.newBuilder()
                .timeout(settings.readTimeout())
                .header("User-Agent", USER_AGENT);
        auth.apply(builder, query);
        builder.uri(query.appendTo(request.target()));
        if (request.form() != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(request.form().encoded()));
        } else {
            builder.GET();
        }
        return builder.build();
    }

    private TciaAnswer exchangeOnce(TciaRequest request, HttpRequest httpRequest) throws TciaException {
        try (RequestPacer.Permit permit = acquire(request.endpoint())) {
            HttpResponse<byte[]> response = await(request.endpoint(),
                    http.sendAsync(httpRequest, CappedBody.ofByteArray(settings.maxAnswerBytes())));
            byte[] body = response.body() == null ? new byte[0] : response.body();
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw failure(request.endpoint(), status, response.headers(), body);
            }
            return new TciaAnswer(request.endpoint(), status, response.headers(), body);
        }
    }

    private StreamingAnswer openOnce(TciaRequest request, HttpRequest httpRequest) throws TciaException {
        RequestPacer.Permit permit = acquire(request.endpoint());
        boolean handedOver = false;
        try {
            HttpResponse<InputStream> response = await(request.endpoint(),
                    http.sendAsync(httpRequest, BodyHandlers.ofInputStream()));
            int status = response.statusCode();
            if (status >= 200 && status <= 299) {
                InputStream body = new GuardedBodyStream(request.endpoint(), response.body(), permit,
                        settings.readTimeout(), watchdog);
                handedOver = true;
                return new StreamingAnswer(status, response.headers(), body);
            }
            byte[] errorBody;
            try (InputStream in = response.body()) {
                errorBody = in.readNBytes(MAX_ERROR_BODY);
            } catch (IOException e) {
                errorBody = new byte[0];
            }
            throw failure(request.endpoint(), status, response.headers(), errorBody);
        } finally {
            if (!handedOver) {
                permit.close();
            }
        }
    }

    private RequestPacer.Permit acquire(String endpoint) throws TciaException {
        try {
            return pacer.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TciaException(Kind.CONNECTION, endpoint, "interrupted while waiting for a request slot", e);
        }
    }

    private <T> HttpResponse<T> await(String endpoint, CompletableFuture<HttpResponse<T>> future)
            throws TciaException {
        // the request timeout ends at the headers; this bounds a body that stalls as well
        long deadline = settings.connectTimeout().plus(settings.readTimeout()).toNanos();
        try {
            return future.get(deadline, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TciaException(Kind.TIMEOUT, endpoint, "no complete answer within " + settings.readTimeout(), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TciaException(Kind.CONNECTION, endpoint, "interrupted while waiting for the answer", e);
        } catch (ExecutionException e) {
            throw transportFailure(endpoint, e.getCause() == null ? e : e.getCause());
        }
    }

    private TciaException transportFailure(String endpoint, Throwable t) {
        if (CappedBody.tooLarge(t) != null) {
            return new TciaException(Kind.MALFORMED_RESPONSE, endpoint, "answer larger than " + settings.maxAnswerBytes()
                    + " bytes (not read further)", t);
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new TciaException(Kind.TIMEOUT, endpoint, "could not connect within " + settings.connectTimeout(), t);
        }
        if (t instanceof HttpTimeoutException) {
            return new TciaException(Kind.TIMEOUT, endpoint, "no answer within " + settings.readTimeout(), t);
        }
        if (t instanceof ConnectException) {
            return new TciaException(Kind.CONNECTION, endpoint, "could not connect", t);
        }
        // the class says enough; JDK messages may carry the URL and with it an api_key parameter
        return new TciaException(Kind.CONNECTION, endpoint, "connection failed (" + t.getClass().getSimpleName() + ")", t);
    }

    private TciaException failure(String endpoint, int status, HttpHeaders headers, byte[] body) {
        String excerpt = redactor.redact(ErrorBodies.describe(body));
        Duration retryAfter = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), Instant.now())
                .orElse(null);
        if (status == 401 || status == 403) {
            return new TciaException(Kind.UNAUTHORIZED, endpoint, "credentials missing or rejected (HTTP " + status + ")",
                    status, excerpt, null, null);
        }
        if (status == 404) {
            return new TciaException(Kind.NOT_FOUND, endpoint, "unknown endpoint or resource (HTTP 404)", status,
                    excerpt, null, null);
        }
        if (status == 408) {
            return new TciaException(Kind.TIMEOUT, endpoint, "the server gave up waiting (HTTP 408)", status, excerpt,
                    retryAfter, null);
        }
        if (status == 429) {
            return new TciaException(Kind.RATE_LIMITED, endpoint, "rate limited (HTTP 429)"
                    + (retryAfter == null ? "" : ", asked to wait " + retryAfter), status, excerpt, retryAfter, null);
        }
        if (status >= 400 && status <= 499) {
            return new TciaException(Kind.BAD_REQUEST, endpoint, "request rejected (HTTP " + status + ")", status,
                    excerpt, null, null);
        }
        if (status >= 500 && status <= 599) {
            return new TciaException(Kind.SERVER_ERROR, endpoint, "server error (HTTP " + status + ")", status, excerpt,
                    retryAfter, null);
        }
        return new TciaException(Kind.UNEXPECTED_STATUS, endpoint, "unexpected HTTP status " + status, status, excerpt,
                null, null);
    }

    private static String status(TciaException e) {
        return e.httpStatus().isPresent() ? " (HTTP " + e.httpStatus().getAsInt() + ")" : "";
    }

    private static void sleep(Duration wait, TciaException pending) throws TciaException {
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw pending;
        }
    }
}
