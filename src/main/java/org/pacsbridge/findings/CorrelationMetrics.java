package org.pacsbridge.findings;

import io.micrometer.core.instrument.MeterRegistry;

/** Counts what the study correlation publishes and refuses. */
public final class CorrelationMetrics {

    private final MeterRegistry registry;

    public CorrelationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void studyEvent(String updatedBy) {
        registry.counter("pacs_findings_study_events_total", "updated_by", updatedBy).increment();
    }

    void alert(String rule) {
        registry.counter("pacs_alerts_published_total", "rule", rule).increment();
    }

    void rejected() {
        registry.counter("pacs_findings_correlation_rejected_total").increment();
        registry.counter("pacs_deadletters_total", "source_route", "findings-correlation").increment();
    }
}
