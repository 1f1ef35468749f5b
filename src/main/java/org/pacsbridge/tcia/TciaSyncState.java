package org.pacsbridge.tcia;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sync's high-water mark, kept as one record of the compacted state topic
 * ({@code pacs.topic.tcia-sync-state}) so that a restarted node or another replica continues where
 * the last successful run ended.
 *
 * @param scope          {@link TciaSyncScope#fingerprint()} of the run that wrote it
 * @param highWaterMark  the UTC day the last successful run started; the next incremental run asks for
 *                       what TCIA released since the day before it
 * @param lastFullSyncAt when the last full listing (the only kind that removes series) succeeded
 * @param lastSuccessAt  when the last run of either kind succeeded
 */
public record TciaSyncState(String scope, LocalDate highWaterMark, Instant lastFullSyncAt, Instant lastSuccessAt) {

    public static final String SCHEMA = "pacs-bridge.tcia-sync-state/v1";
    /** The state record's key. */
    public static final String KEY = "tcia-sync";
    private static final ObjectMapper JSON = new ObjectMapper();

    public TciaSyncState {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(highWaterMark, "highWaterMark");
        Objects.requireNonNull(lastFullSyncAt, "lastFullSyncAt");
        Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", SCHEMA);
        node.put("scope", scope);
        node.put("highWaterMark", highWaterMark.toString());
        node.put("lastFullSyncAt", lastFullSyncAt.toString());
        node.put("lastSuccessAt", lastSuccessAt.toString());
        return node.toString();
    }

    /** The state in a record value; empty for a value of another schema or one that cannot be read. */
    public static Optional<TciaSyncState> fromJson(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (!SCHEMA.equals(node.path("schema").asText())) {
                return Optional.empty();
            }
            return Optional.of(new TciaSyncState(node.path("scope").asText(),
                    LocalDate.parse(node.path("highWaterMark").asText()),
                    Instant.parse(node.path("lastFullSyncAt").asText()),
                    Instant.parse(node.path("lastSuccessAt").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
