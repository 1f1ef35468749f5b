package org.pacsbridge.tcia;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What to publish so that the catalogue topic matches what TCIA listed: values for new and changed
 * series and, after a full listing only, tombstones for series no longer listed.
 */
final class TciaCatalogueDiff {

    /**
     * @param records values to publish by Series Instance UID, in order; a {@code null} value is a tombstone
     * @param seen    series listed by TCIA
     * @param added   listed and not yet published
     * @param changed listed with content that differs from the published value
     * @param removed published and no longer listed
     */
    record Changes(Map<String, String> records, int seen, int added, int changed, int removed) {

        Changes {
            records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
        }

        boolean isEmpty() {
            return records.isEmpty();
        }
    }

    private TciaCatalogueDiff() {
    }

    /** An incremental listing: new and changed series only, nothing is removed. */
    static Changes upserts(Map<String, String> published, Map<String, String> listed) {
        return compare(published, listed, value -> false);
    }

    /**
     * A full listing: also tombstones every published series that is not listed and that
     * {@code mayRemove} (given its published value) allows to remove.
     */
    static Changes reconcile(Map<String, String> published, Map<String, String> listed, Predicate<String> mayRemove) {
        return compare(published, listed, mayRemove);
    }

    private static Changes compare(Map<String, String> published, Map<String, String> listed,
            Predicate<String> mayRemove) {
        Map<String, String> records = new LinkedHashMap<>();
        int added = 0;
        int changed = 0;
        int removed = 0;
        for (Map.Entry<String, String> series : listed.entrySet()) {
            String before = published.get(series.getKey());
            if (before == null) {
                records.put(series.getKey(), series.getValue());
                added++;
            } else if (!TciaSeriesJson.sameContent(before, series.getValue())) {
                records.put(series.getKey(), series.getValue());
                changed++;
            }
        }
        for (Map.Entry<String, String> series : published.entrySet()) {
            if (!listed.containsKey(series.getKey()) && mayRemove.test(series.getValue())) {
                records.put(series.getKey(), null);
                removed++;
            }
        }
        return new Changes(records, listed.size(), added, changed, removed);
    }
}
