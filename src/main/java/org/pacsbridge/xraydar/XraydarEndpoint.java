package org.pacsbridge.xraydar;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one X-Raydar algorithm and how hard to try.
 *
 * <p>Retries: after failed attempt {@code n} the client waits
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))} scaled down by a random factor in
 * {@code [1 - jitter, 1]} ("partial jitter"; {@code jitter = 1} is full jitter, {@code 0} none).
 * A {@code Retry-After} on 429 or 503 may lengthen that wait, never shorten it; if the server asks for more than
 * {@code maxBackoff} the client stops retrying and reports {@code retryAfter()} so the caller can
 * reschedule instead of holding a thread.
 *
 * @param name               {@code cv} or {@code nlp}; tags metrics and log lines
 * @param url                the algorithm's URL, e.g. {@code https://x-raydar.info/api/cv}
 * @param connectTimeout     TCP/TLS connect timeout (only applies to a client-owned {@code HttpClient})
 * @param readTimeout        how long one attempt may take from sending the request to the answer
 * @param maxConcurrentCalls bulkhead: calls in flight at once
 * @param bulkheadWait       how long a call waits for a bulkhead slot before failing with BULKHEAD_FULL
 * @param maxAttempts        HTTP attempts per call, first one included
 * @param initialBackoff     wait after the first failed attempt (before jitter)
 * @param maxBackoff         longest wait between attempts
 * @param jitter             fraction in [0, 1] by which a wait is randomly shortened
 * @param maxServer500Attempts attempts that may end in 500 (or another 5xx that is not 502/503/504)
 *                           before the call gives up
 * @param failureThreshold   consecutive transient attempt failures that open the circuit
 * @param openDuration       how long the circuit stays open before one trial call is let through
 */
public record XraydarEndpoint(
        String name,
        URI url,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConcurrentCalls,
        Duration bulkheadWait,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitter,
        int maxServer500Attempts,
        int failureThreshold,
        Duration openDuration,
        int maxAnswerBytes) {

    public XraydarEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requireNotNegative(bulkheadWait, "bulkheadWait");
        requireNotNegative(initialBackoff, "initialBackoff");
        requireNotNegative(maxBackoff, "maxBackoff");
        requirePositive(openDuration, "openDuration");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("url must be http or https: " + url);
        }
        if (url.getRawQuery() != null || url.getRawUserInfo() != null) {
            // the key belongs in the body; refuse URLs that could smuggle credentials
            throw new IllegalArgumentException("url must carry neither a query nor user info");
        }
        if (maxAnswerBytes < 1) {
            throw new IllegalArgumentException("maxAnswerBytes must be positive: " + maxAnswerBytes);
        }
        if (maxConcurrentCalls < 1 || maxAttempts < 1 || maxServer500Attempts < 1 || failureThreshold < 1) {
            throw new IllegalArgumentException(
                    "maxConcurrentCalls, maxAttempts, maxServer500Attempts and failureThreshold must be at least 1");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
        }
    }

    /** A builder with the defaults for the given name and URL. */
    public static Builder builder(String name, URI url) {
        return new Builder(name, url);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    private static void requireNotNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }

    /** Builds an {@link XraydarEndpoint}; unset values take the documented defaults. */
    public static final class Builder {
        private String name;
        private URI url;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private int maxConcurrentCalls = 8;
        private Duration bulkheadWait = Duration.ofSeconds(30);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private double jitter = 0.5;
        private int maxServer500Attempts = 2;
        private int failureThreshold = 5;
        private Duration openDuration = Duration.ofSeconds(30);
        private int maxAnswerBytes = 1024 * 1024;

        private Builder(String name, URI url) {
            this.name = name;
            this.url = url;
        }

        private Builder(XraydarEndpoint e) {
            name = e.name;
            url = e.url;
            connectTimeout = e.connectTimeout;
            readTimeout = e.readTimeout;
            maxConcurrentCalls = e.maxConcurrentCalls;
            bulkheadWait = e.bulkheadWait;
            maxAttempts = e.maxAttempts;
            initialBackoff = e.initialBackoff;
            maxBackoff = e.maxBackoff;
            jitter = e.jitter;
            maxServer500Attempts = e.maxServer500Attempts;
            failureThreshold = e.failureThreshold;
            openDuration = e.openDuration;
            maxAnswerBytes = e.maxAnswerBytes;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Largest answer body read; a larger one is a contract failure. */
        public Builder maxAnswerBytes(int maxAnswerBytes) {
            this.maxAnswerBytes = maxAnswerBytes;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        public Builder bulkheadWait(Duration bulkheadWait) {
            this.bulkheadWait = bulkheadWait;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        public Builder maxServer500Attempts(int maxServer500Attempts) {
            this.maxServer500Attempts = maxServer500Attempts;
            return this;
        }

        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
            return this;
        }

        public Builder openDuration(Duration openDuration) {
            this.openDuration = openDuration;
            return this;
        }

        public XraydarEndpoint build() {
            return new XraydarEndpoint(name, url, connectTimeout, readTimeout, maxConcurrentCalls, bulkheadWait,
                    maxAttempts, initialBackoff, maxBackoff, jitter, maxServer500Attempts, failureThreshold,
                    openDuration, maxAnswerBytes);
        }
    }
}
