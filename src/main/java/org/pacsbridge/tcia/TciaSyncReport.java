package org.pacsbridge.tcia;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one sync run did.
 *
 * @param mode       full listing or incremental
 * @param why        why this mode (e.g. {@code first run}, {@code full sync due}, {@code requested})
 * @param startedAt  when the run started
 * @param finishedAt when its records (and the new high-water mark) were acknowledged
 * @param seen       series TCIA listed in scope
 * @param added      newly published
 * @param changed    republished with new content
 * @param removed    tombstoned
 * @param passedOver answer elements skipped (no Series UID, not an object) and optional values read as absent
 * @param catalogue  the catalogue as published after the run: value by Series Instance UID
 */
public record TciaSyncReport(Mode mode, String why, Instant startedAt, Instant finishedAt, int seen, int added,
        int changed, int removed, TciaAnswerTally.Counts passedOver, Map<String, String> catalogue) {

    /** How a run asks TCIA. */
    public enum Mode {
        /** Every configured collection and modality listed; the only mode that removes series. */
        FULL,
        /** Only what TCIA released since the high-water mark (getUpdatedSeries). */
        INCREMENTAL;

        public String label() {
            return name().toLowerCase();
        }
    }

    public TciaSyncReport {
        catalogue = Collections.unmodifiableMap(new LinkedHashMap<>(catalogue));
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** Counts only: safe for logs. */
    @Override
    public String toString() {
        return mode.label() + " (" + why + "): " + seen + " series listed, " + added + " new, " + changed + " changed, "
                + removed + " removed; catalogue " + catalogue.size() + " series; " + passedOver.skippedElements()
                + " answer elements skipped, " + passedOver.unreadableValues() + " unreadable values read as absent; "
                + duration().toMillis() + " ms";
    }
}
