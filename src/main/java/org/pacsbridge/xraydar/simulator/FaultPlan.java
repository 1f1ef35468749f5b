package org.pacsbridge.xraydar.simulator;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Faults the {@link XraydarSimulator} injects, for tests and benchmarks.
 *
 * <p>For each request the simulator first waits {@code latency}, then applies the first fault that
 * still has answers left, in this order: 401, 429, hang, {@code failStatus} for the next
 * {@code failNext} answers, {@code failStatus} for a {@code failRatio} share of answers (spread
 * evenly, deterministic), malformed body. "Next N" counts are used up; a count of
 * {@link Integer#MAX_VALUE} means "always".
 *
 * <p>Over HTTP ({@code POST /simulator/faults}) the plan is a JSON object with any of:
 * {@code latencyMs, unauthorizedNext, rateLimitNext, retryAfterSeconds, retryAfterAsDate, hangNext,
 * hangMs, failNext, failStatus, failRatio, malformedNext, malformed ("not_json" |
 * "probability_out_of_range")}.
 *
 * @param latency          extra wait before every answer
 * @param unauthorizedNext answer the next N requests with 401
 * @param rateLimitNext    answer the next N requests with 429
 * @param retryAfter       the {@code Retry-After} sent with 429 (whole seconds)
 * @param retryAfterAsDate send {@code Retry-After} as an HTTP date instead of seconds
 * @param hangNext         hold the next N requests for {@code hang} before answering normally
 * @param hang             how long a held request waits
 * @param failNext         answer the next N requests with {@code failStatus}
 * @param failStatus       status for injected server failures (default 503)
 * @param failRatio        share of answers, in [0, 1], failed with {@code failStatus}
 * @param malformedNext    answer the next N requests with a malformed 200 body
 * @param malformation     which malformed body
 */
public record FaultPlan(
        Duration latency,
        int unauthorizedNext,
        int rateLimitNext,
        Duration retryAfter,
        boolean retryAfterAsDate,
        int hangNext,
        Duration hang,
        int failNext,
        int failStatus,
        double failRatio,
        int malformedNext,
        Malformation malformation) {

    /** A malformed answer body. */
    public enum Malformation {
        /** HTTP 200 with an HTML page. */
        NOT_JSON,
        /** The usual JSON with one probability of 1.7. */
        PROBABILITY_OUT_OF_RANGE
    }

    /** No faults. */
    public static final FaultPlan NONE = builder().build();

    private static final Set<String> JSON_FIELDS = Set.of("latencyMs", "unauthorizedNext", "rateLimitNext",
            "retryAfterSeconds", "retryAfterAsDate", "hangNext", "hangMs", "failNext", "failStatus", "failRatio",
            "malformedNext", "malformed");

    public FaultPlan {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(hang, "hang");
        Objects.requireNonNull(malformation, "malformation");
        if (latency.isNegative() || retryAfter.isNegative() || hang.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (unauthorizedNext < 0 || rateLimitNext < 0 || hangNext < 0 || failNext < 0 || malformedNext < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (failStatus < 400 || failStatus > 599) {
            throw new IllegalArgumentException("failStatus must be 4xx or 5xx: " + failStatus);
        }
        if (!(failRatio >= 0.0 && failRatio <= 1.0)) {
            throw new IllegalArgumentException("failRatio must be in [0, 1]: " + failRatio);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the JSON form; unknown fields are refused so typos do not pass silently. */
    public static FaultPlan fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("fault plan must be a JSON object");
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!JSON_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown fault plan field: " + field);
            }
        }
        Builder b = builder();
        b.latency(Duration.ofMillis(json.path("latencyMs").asLong(0)));
        b.unauthorizedNext(json.path("unauthorizedNext").asInt(0));
        b.rateLimitNext(json.path("rateLimitNext").asInt(0));
        b.retryAfter(Duration.ofSeconds(json.path("retryAfterSeconds").asLong(1)));
        b.retryAfterAsDate(json.path("retryAfterAsDate").asBoolean(false));
        b.hangNext(json.path("hangNext").asInt(0));
        b.hang(Duration.ofMillis(json.path("hangMs").asLong(60_000)));
        b.failNext(json.path("failNext").asInt(0));
        b.failStatus(json.path("failStatus").asInt(503));
        b.failRatio(json.path("failRatio").asDouble(0.0));
        b.malformedNext(json.path("malformedNext").asInt(0));
        if (json.hasNonNull("malformed")) {
            b.malformation(Malformation.valueOf(json.get("malformed").asText().toUpperCase(Locale.ROOT)));
        }
        return b.build();
    }

    /** The JSON form. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("latencyMs", latency.toMillis());
        json.put("unauthorizedNext", unauthorizedNext);
        json.put("rateLimitNext", rateLimitNext);
        json.put("retryAfterSeconds", retryAfter.toSeconds());
        json.put("retryAfterAsDate", retryAfterAsDate);
        json.put("hangNext", hangNext);
        json.put("hangMs", hang.toMillis());
        json.put("failNext", failNext);
        json.put("failStatus", failStatus);
        json.put("failRatio", failRatio);
        json.put("malformedNext", malformedNext);
        json.put("malformed", malformation.name().toLowerCase(Locale.ROOT));
        return json;
    }

    /** Builds a {@link FaultPlan}; everything off by default. */
    public static final class Builder {
        private Duration latency = Duration.ZERO;
        private int unauthorizedNext;
        private int rateLimitNext;
        private Duration retryAfter = Duration.ofSeconds(1);
        private boolean retryAfterAsDate;
        private int hangNext;
        private Duration hang = Duration.ofSeconds(60);
        private int failNext;
        private int failStatus = 503;
        private double failRatio;
        private int malformedNext;
        private Malformation malformation = Malformation.NOT_JSON;

        private Builder() {
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder unauthorizedNext(int count) {
            this.unauthorizedNext = count;
            return this;
        }

        public Builder rateLimitNext(int count) {
            this.rateLimitNext = count;
            return this;
        }

        public Builder rateLimitNext(int count, Duration retryAfter) {
            this.rateLimitNext = count;
            this.retryAfter = retryAfter;
            return this;
        }

        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        public Builder retryAfterAsDate(boolean asDate) {
            this.retryAfterAsDate = asDate;
            return this;
        }

        public Builder hangNext(int count) {
            this.hangNext = count;
            return this;
        }

        public Builder hangNext(int count, Duration hang) {
            this.hangNext = count;
            this.hang = hang;
            return this;
        }

        public Builder hang(Duration hang) {
            this.hang = hang;
            return this;
        }

        public Builder failNext(int count) {
            this.failNext = count;
            return this;
        }

        public Builder failNext(int count, int status) {
            this.failNext = count;
            this.failStatus = status;
            return this;
        }

        public Builder failStatus(int status) {
            this.failStatus = status;
            return this;
        }

        public Builder failRatio(double ratio) {
            this.failRatio = ratio;
            return this;
        }

        public Builder failRatio(double ratio, int status) {
            this.failRatio = ratio;
            this.failStatus = status;
            return this;
        }

        public Builder malformedNext(int count) {
            this.malformedNext = count;
            return this;
        }

        public Builder malformedNext(int count, Malformation malformation) {
            this.malformedNext = count;
            this.malformation = malformation;
            return this;
        }

        public Builder malformation(Malformation malformation) {
            this.malformation = malformation;
            return this;
        }

        public FaultPlan build() {
            return new FaultPlan(latency, unauthorizedNext, rateLimitNext, retryAfter, retryAfterAsDate, hangNext, hang,
                    failNext, failStatus, failRatio, malformedNext, malformation);
        }
    }
}
