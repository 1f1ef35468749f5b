package org.pacsbridge.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.micrometer.core.instrument.MeterRegistry;

/** Counts what the node publishes and what it filters out, by source. */
@ApplicationScoped
@Named("findingsMetrics")
public class FindingsMetrics {

    @Inject
    MeterRegistry registry;

    /** A findings event is on its topic. */
    public void published(String source) {
        registry.counter("pacs_findings_published_total", "source", source).increment();
    }

    /** An input was not sent for enrichment, and why (a short code, e.g. "modality"). */
    public void filtered(String source, String reason) {
        registry.counter("pacs_enrichment_filtered_total", "source", source, "reason", reason).increment();
    }
}
