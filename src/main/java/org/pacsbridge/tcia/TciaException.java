package org.pacsbridge.tcia;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.pacsbridge.failure.FailureVerdict;

/**
 * A TCIA call did not produce a usable answer. The message names the endpoint and what was wrong;
 * it never contains the API key, the password or a token.
 */
public class TciaException extends Exception implements FailureVerdict {

    private static final long serialVersionUID = 1L;

    /** Longest body excerpt kept, in characters. */
    public static final int MAX_EXCERPT = 300;

    /** Why the call failed. */
    public enum Kind {
        /** HTTP 400 or another 4xx not listed below, e.g. a missing parameter or a non-public series. */
        BAD_REQUEST,
        /** HTTP 401/403, a bearer token that could not be obtained, or a missing API key. */
        UNAUTHORIZED,
        /** HTTP 404: unknown endpoint or resource. */
        NOT_FOUND,
        /** HTTP 429. */
        RATE_LIMITED,
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** No (complete) answer in time. */
        TIMEOUT,
        /** Connection refused, reset or closed early. */
        CONNECTION,
        /** A 2xx answer whose body is not what the endpoint documents. */
        MALFORMED_RESPONSE,
        /** A status the API never documents (1xx, 3xx, an unexpected 2xx). */
        UNEXPECTED_STATUS,
        /** The configured interface has no such endpoint. */
        UNSUPPORTED
    }

    private final Kind kind;
    private final String endpoint;
    private final Integer httpStatus;
    private final String bodyExcerpt;
    private final Duration retryAfter;
    private int attempts;

    public TciaException(Kind kind, String endpoint, String message) {
        this(kind, endpoint, message, null, null, null, null);
    }

    public TciaException(Kind kind, String endpoint, String message, Throwable cause) {
        this(kind, endpoint, message, null, null, null, cause);
    }

    /**
     * @param endpoint    the endpoint called, e.g. {@code getSeries}; part of the message
     * @param httpStatus  the answer's status, {@code null} without an answer
     * @param bodyExcerpt the start of the answer's body, already free of secrets; shortened here
     * @param retryAfter  the wait the server asked for, or {@code null}
     */
    public TciaException(Kind kind, String endpoint, String message, Integer httpStatus, String bodyExcerpt,
            Duration retryAfter, Throwable cause) {
        super("TCIA " + endpoint + ": " + message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.httpStatus = httpStatus;
        this.bodyExcerpt = excerpt(bodyExcerpt);
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The endpoint that failed, e.g. {@code getSeries} or {@code oauth/token}. */
    public String endpoint() {
        return endpoint;
    }

    /** Whether the same call may succeed later: rate limiting, server errors, timeouts, broken connections. */
    @Override
    public boolean isTransient() {
        return switch (kind) {
            case RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION -> true;
            case BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, MALFORMED_RESPONSE, UNEXPECTED_STATUS, UNSUPPORTED -> false;
        };
    }

    /** A transient failure waits for the next sync run; nothing of TCIA's is dead-lettered. */
    @Override
    public boolean waitsForRetry() {
        return isTransient();
    }

    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The start of the answer's body (at most {@value #MAX_EXCERPT} characters, no control characters). */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** How long the server asked to wait before the next try ({@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** HTTP attempts made before giving up; 0 when no request was sent. */
    public int attempts() {
        return attempts;
    }

    TciaException withAttempts(int attempts) {
        this.attempts = attempts;
        return this;
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder(super.getMessage());
        if (!bodyExcerpt.isEmpty()) {
            message.append(" [answer: ").append(bodyExcerpt).append(']');
        }
        if (attempts > 1) {
            message.append(" (").append(attempts).append(" attempts)");
        }
        return message.toString();
    }

    static String excerpt(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(body.length(), MAX_EXCERPT));
        for (int i = 0; i < body.length() && out.length() < MAX_EXCERPT; i++) {
            char c = body.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
        if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        return out.toString().strip();
    }
}
