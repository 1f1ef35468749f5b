package org.pacsbridge.xraydar;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.pacsbridge.failure.FailureVerdict;

/**
 * A call to X-Raydar did not produce a usable answer.
 *
 * <p>{@link #isTransient()} follows the classification in the X-Raydar contract: timeouts, broken
 * connections, 5xx and 429 are worth trying again later; a rejected key, any other 4xx and an answer
 * that breaks the contract are permanent for this input. The client's own refusals (circuit open,
 * bulkhead full) are transient, and they alone {@link #waitsForRetry() wait for a later try}: the
 * client retried every other transient failure itself, so what reaches the route is a verdict.
 *
 * <p>Messages and body excerpts never contain the API key.
 */
public class XraydarException extends Exception implements FailureVerdict {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Kind {
        /** Connect or read timeout. */
        TIMEOUT,
        /** Connection refused, reset or closed early. */
        CONNECTION,
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** HTTP 429. */
        RATE_LIMITED,
        /** HTTP 401/403, or a key that is missing or malformed locally. */
        UNAUTHORIZED,
        /** Any other HTTP 4xx. */
        CLIENT_ERROR,
        /** The answer is not what the contract allows (not JSON, bad probabilities, unexpected status). */
        CONTRACT,
        /** The circuit breaker is open: the endpoint was not called. */
        CIRCUIT_OPEN,
        /** Too many calls in flight: the endpoint was not called. */
        BULKHEAD_FULL
    }

    /** Longest body excerpt kept, in characters. */
    public static final int MAX_EXCERPT = 300;

    private final Kind kind;
    private final Integer httpStatus;
    private final String bodyExcerpt;
    private final Duration retryAfter;
    private volatile int attempts;

    public XraydarException(Kind kind, String message) {
        this(kind, message, null, null, null, null);
    }

    public XraydarException(Kind kind, String message, Throwable cause) {
        this(kind, message, null, null, null, cause);
    }

    /**
     * @param httpStatus  the HTTP status, or {@code null} when there was no answer
     * @param bodyExcerpt the answer's body; shortened and cleaned here
     * @param retryAfter  how long the server asked to wait, or {@code null}
     */
    public XraydarException(Kind kind, String message, Integer httpStatus, String bodyExcerpt,
            Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.bodyExcerpt = excerpt(bodyExcerpt);
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether trying again later may succeed. */
    @Override
    public boolean isTransient() {
        return switch (kind) {
            case TIMEOUT, CONNECTION, SERVER_ERROR, RATE_LIMITED, CIRCUIT_OPEN, BULKHEAD_FULL -> true;
            case UNAUTHORIZED, CLIENT_ERROR, CONTRACT -> false;
        };
    }

    /** Whether the endpoint was not called at all (circuit open, bulkhead full): no verdict on this input. */
    @Override
    public boolean waitsForRetry() {
        return kind == Kind.CIRCUIT_OPEN || kind == Kind.BULKHEAD_FULL;
    }

    /** The HTTP status of the answer, when there was one. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** Start of the answer's body (at most {@value #MAX_EXCERPT} characters, no control characters); empty if none. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** How long the server asked the client to wait (429/503 {@code Retry-After}), or until an open circuit half-opens. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** How many HTTP attempts the call made before giving up (0 if the endpoint was never called). */
    public int attempts() {
        return attempts;
    }

    XraydarException withAttempts(int attempts) {
        this.attempts = attempts;
        return this;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        return attempts > 0 ? message + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)") : message;
    }

    /** Shortens to {@value #MAX_EXCERPT} characters and replaces control characters by spaces. */
    static String excerpt(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(body.length(), MAX_EXCERPT));
        boolean lastWasSpace = false;
        for (int i = 0; i < body.length() && out.length() < MAX_EXCERPT; i++) {
            char c = body.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (!lastWasSpace && out.length() > 0) {
                    out.append(' ');
                    lastWasSpace = true;
                }
                continue;
            }
            out.append(c);
            lastWasSpace = c == ' ';
        }
        if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        return out.toString().strip();
    }
}
