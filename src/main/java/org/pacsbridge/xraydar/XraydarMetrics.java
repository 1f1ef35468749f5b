package org.pacsbridge.xraydar;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The meters of one endpoint, all tagged {@code endpoint=<name>}. In Prometheus form:
 * {@code pacs_xraydar_calls_total{outcome}}, {@code pacs_xraydar_attempts_total},
 * {@code pacs_xraydar_failures_total{kind}}, {@code pacs_xraydar_call_duration_seconds},
 * {@code pacs_xraydar_circuit_state} and {@code pacs_xraydar_in_flight}.
 */
final class XraydarMetrics {

    static final String CALLS = "pacs.xraydar.calls";
    static final String ATTEMPTS = "pacs.xraydar.attempts";
    static final String FAILURES = "pacs.xraydar.failures";
    static final String CALL_DURATION = "pacs.xraydar.call.duration";
    static final String CIRCUIT_STATE = "pacs.xraydar.circuit.state";
    static final String IN_FLIGHT = "pacs.xraydar.in.flight";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter successes;
    private final Counter transientFailures;
    private final Counter permanentFailures;
    private final Counter attempts;
    private final Map<XraydarException.Kind, Counter> failuresByKind = new EnumMap<>(XraydarException.Kind.class);
    private final Timer duration;

    XraydarMetrics(MeterRegistry registry, String endpoint, CircuitBreaker breaker, AtomicInteger inFlight) {
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
        successes = keep(calls(endpoint, "success"));
        transientFailures = keep(calls(endpoint, "transient_failure"));
        permanentFailures = keep(calls(endpoint, "permanent_failure"));
        attempts = keep(Counter.builder(ATTEMPTS)
                .description("HTTP attempts made to X-Raydar, retries included")
                .tag("endpoint", endpoint)
                .register(this.registry));
        for (XraydarException.Kind kind : XraydarException.Kind.values()) {
            failuresByKind.put(kind, keep(Counter.builder(FAILURES)
                    .description("Failed X-Raydar attempts and refused calls, by kind")
                    .tag("endpoint", endpoint)
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .register(this.registry)));
        }
        duration = keep(Timer.builder(CALL_DURATION)
                .description("Duration of X-Raydar calls, retries and waits included")
                .tag("endpoint", endpoint)
                .publishPercentileHistogram()
                .register(this.registry));
        keep(Gauge.builder(CIRCUIT_STATE, breaker, b -> b.state().gaugeValue())
                .description("X-Raydar circuit breaker: 0 closed, 1 half-open, 2 open")
                .tag("endpoint", endpoint)
                .register(this.registry));
        keep(Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("X-Raydar calls holding a bulkhead slot")
                .tag("endpoint", endpoint)
                .register(this.registry));
    }

    private Counter calls(String endpoint, String outcome) {
        return Counter.builder(CALLS)
                .description("X-Raydar calls by outcome (one per call, not per attempt)")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .register(registry);
    }

    private <M extends Meter> M keep(M meter) {
        meters.add(meter);
        return meter;
    }

    void attempt() {
        attempts.increment();
    }

    void failure(XraydarException.Kind kind) {
        failuresByKind.get(kind).increment();
    }

    void callSucceeded(long nanos) {
        successes.increment();
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    void callFailed(XraydarException e, long nanos) {
        (e.isTransient() ? transientFailures : permanentFailures).increment();
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    void remove() {
        meters.forEach(registry::remove);
    }
}
