package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The meter names as Prometheus shows them. */
class XraydarMetricsPrometheusTest {

    @Test
    void exportsTheDocumentedNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        XraydarEndpoint endpoint = XraydarEndpoint.builder("nlp", URI.create("http://127.0.0.1:1/api/nlp")).build();
        new XraydarMetrics(registry, endpoint.name(), new CircuitBreaker(5, endpoint.openDuration()),
                new AtomicInteger());
        String scrape = registry.scrape().replace(",}", "}"); // the text format may end labels with a comma
        for (String expected : new String[] {
            "pacs_xraydar_calls_total{endpoint=\"nlp\",outcome=\"success\"}",
            "pacs_xraydar_calls_total{endpoint=\"nlp\",outcome=\"transient_failure\"}",
            "pacs_xraydar_calls_total{endpoint=\"nlp\",outcome=\"permanent_failure\"}",
            "pacs_xraydar_attempts_total{endpoint=\"nlp\"}",
            "pacs_xraydar_failures_total{endpoint=\"nlp\",kind=\"circuit_open\"}",
            "pacs_xraydar_call_duration_seconds_bucket{endpoint=\"nlp\",le=\"",
            "pacs_xraydar_call_duration_seconds_count{endpoint=\"nlp\"}",
            "pacs_xraydar_circuit_state{endpoint=\"nlp\"} 0.0",
            "pacs_xraydar_in_flight{endpoint=\"nlp\"} 0.0"}) {
            assertTrue(scrape.contains(expected), expected + " missing in\n" + scrape);
        }
    }
}
