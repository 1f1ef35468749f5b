package org.pacsbridge.tcia;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the reference sync covers: which interface, which collections, which modalities. TCIA
 * compares collection and modality names case-insensitively, and so does the scope. When the scope
 * changes, the state kept for the old one no longer applies and the next run lists everything.
 */
public record TciaSyncScope(TciaApi api, List<String> collections, List<String> modalities) {

    public TciaSyncScope {
        Objects.requireNonNull(api, "api");
        collections = clean(collections, "pacs.tcia.collections");
        modalities = clean(modalities, "pacs.tcia.modalities");
    }

    /** Whether a series belongs to the configured collections and modalities. */
    public boolean covers(TciaSeries series) {
        return contains(collections, series.collection()) && contains(modalities, series.modality());
    }

    /** Whether a collection/modality pair is configured. */
    public boolean covers(String collection, String modality) {
        return contains(collections, collection) && contains(modalities, modality);
    }

    /** A stable text for comparing scopes across runs and restarts (order and case do not matter). */
    public String fingerprint() {
        return api.configName() + "|" + String.join(",", normalised(collections)) + "|"
                + String.join(",", normalised(modalities));
    }

    private static boolean contains(List<String> values, String value) {
        return value != null && values.stream().anyMatch(v -> v.equalsIgnoreCase(value.strip()));
    }

    private static List<String> normalised(List<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).sorted().distinct().toList();
    }

    private static List<String> clean(List<String> values, String key) {
        List<String> cleaned = values == null ? List.of()
                : values.stream().filter(Objects::nonNull).map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException(key + " must name at least one value");
        }
        return cleaned;
    }
}
