package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The value published for one series on the catalogue topic ({@code pacs-bridge.tcia-series/v1},
 * docs/schemas/tcia-series-v1.json). Patient-level attributes TCIA sends with a series (sex, age,
 * admitting diagnosis) are left out; the de-identified TCIA subject ID is kept so that consumers can
 * group series. Absent TCIA values are absent keys, as in TCIA's own answers.
 */
public final class TciaSeriesJson {

    public static final String SCHEMA = "pacs-bridge.tcia-series/v1";
    /** Keys that say when and from where a value was published, not what the series is. */
    private static final String SYNCED_AT = "syncedAt";
    private static final String SOURCE = "source";
    /** TCIA's times carry no zone; they are published as they are, to the second. */
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TciaSeriesJson() {
    }

    /** The value for {@code series} as read from {@code baseUrl}, published at {@code syncedAt}. */
    public static String toJson(TciaSeries series, TciaApi api, URI baseUrl, Instant syncedAt) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", SCHEMA);
        node.put("seriesInstanceUid", series.seriesInstanceUid());
        put(node, "studyInstanceUid", series.studyInstanceUid());
        put(node, "collection", series.collection());
        put(node, "subjectId", series.patientId());
        put(node, "modality", series.modality());
        put(node, "bodyPartExamined", series.bodyPartExamined());
        put(node, "seriesDescription", series.seriesDescription());
        put(node, "protocolName", series.protocolName());
        if (series.seriesNumber() != null) {
            node.put("seriesNumber", series.seriesNumber());
        }
        put(node, "seriesDate", series.seriesDate());
        put(node, "studyDescription", series.studyDesc());
        put(node, "studyDate", series.studyDate());
        put(node, "manufacturer", series.manufacturer());
        put(node, "manufacturerModelName", series.manufacturerModelName());
        put(node, "softwareVersions", series.softwareVersions());
        if (series.imageCount() != null) {
            node.put("imageCount", series.imageCount());
        }
        if (series.fileSize() != null) {
            node.put("fileSize", series.fileSize());
        }
        if (series.annotationsFlag() != null) {
            node.put("annotationsFlag", series.annotationsFlag());
        }
        put(node, "thirdPartyAnalysis", series.thirdPartyAnalysis());
        put(node, "dateReleased", series.dateReleased());
        put(node, "submittedAt", series.maxSubmissionTimestamp() != null ? series.maxSubmissionTimestamp()
                : series.timeStamp());
        if (series.licenseName() != null || series.licenseUri() != null) {
            ObjectNode license = node.putObject("license");
            put(license, "name", series.licenseName());
            put(license, "uri", series.licenseUri());
        }
        put(node, "descriptionUri", series.dataDescriptionUri() != null ? series.dataDescriptionUri()
                : series.collectionUri());
        ObjectNode source = node.putObject(SOURCE);
        source.put("archive", "tcia");
        source.put("api", api.configName());
        source.put("baseUrl", baseUrl.toString());
        node.put(SYNCED_AT, syncedAt.toString());
        return node.toString();
    }

    /**
     * Whether two values describe the same series in the same state (when and from where they were
     * published aside). A value that cannot be read is never the same: it gets replaced.
     */
    public static boolean sameContent(String published, String candidate) {
        try {
            return content(published).equals(content(candidate));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What the reference images and the removal rules need of a published value; fails on a value that is not one. */
    public static CatalogueSeries read(String value) {
        JsonNode node = parse(value);
        return new CatalogueSeries(node.path("seriesInstanceUid").asText(), text(node, "collection"),
                text(node, "modality"), text(node, "bodyPartExamined"),
                node.hasNonNull("fileSize") ? node.get("fileSize").asLong() : null);
    }

    /** One series of the published catalogue, as far as downloading its images is concerned. */
    public record CatalogueSeries(String seriesInstanceUid, String collection, String modality, String bodyPartExamined,
            Long fileSize) {
    }

    private static JsonNode content(String value) {
        ObjectNode node = (ObjectNode) parse(value);
        node.remove(SYNCED_AT);
        node.remove(SOURCE);
        return node;
    }

    private static JsonNode parse(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (!(node instanceof ObjectNode)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("not a catalogue value", e);
        }
    }

    private static String text(JsonNode node, String key) {
        return node.hasNonNull(key) ? node.get(key).asText() : null;
    }

    private static void put(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void put(ObjectNode node, String key, LocalDate value) {
        if (value != null) {
            node.put(key, value.toString());
        }
    }

    private static void put(ObjectNode node, String key, LocalDateTime value) {
        if (value != null) {
            node.put(key, LOCAL_TIME.format(value));
        }
    }
}
