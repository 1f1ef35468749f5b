package org.pacsbridge.findings;

import java.time.Instant;
import java.util.Map;

/**
 * One report version's findings as the correlation keeps them.
 *
 * @param version       higher supersedes lower for one report id
 * @param probabilities finding code → probability, in the catalogue's order
 */
public record ReportRead(String reportId, String status, long version, String urgency, EngineInfo engine,
        Map<String, Double> probabilities, Instant completedAt, String eventId) {

    /** Whether this read replaces {@code current} as the study's report. */
    boolean supersedes(ReportRead current) {
        if (current == null) {
            return true;
        }
        if (reportId.equals(current.reportId)) {
            return version > current.version || (version == current.version && !equals(current));
        }
        // a different report of the same study (e.g. an addendum filed under a new id): the later one
        return !completedAt.isBefore(current.completedAt);
    }
}
