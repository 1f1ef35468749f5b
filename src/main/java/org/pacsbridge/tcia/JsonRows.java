package org.pacsbridge.tcia;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;
import org.pacsbridge.tcia.TciaException.Kind;

/**
 * Reads the JSON answers of query endpoints: an array of objects. Where the interface says "nothing
 * matched" with an empty body or a 204 (the NBIA API), those are no rows; where it answers {@code []}
 * (the v2 interface), an empty body is as malformed as anything else that is not an array of objects.
 */
final class JsonRows {

    private static final Logger LOG = Logger.getLogger(JsonRows.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRows() {
    }

    /** Every element, each of which must be an object (answers of one row, such as getSeriesSize). */
    static List<JsonRow> parse(TciaAnswer answer, boolean emptyMeansNoRows, TciaAnswerTally tally)
            throws TciaException {
        JsonNode root = array(answer, emptyMeansNoRows);
        List<JsonRow> rows = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            if (!element.isObject()) {
                throw notAnObject(answer, i, element);
            }
            rows.add(new JsonRow(answer.endpoint(), i, (ObjectNode) element, tally));
        }
        return rows;
    }

    /**
     * The records of a listing. An element that is not an object, or that {@code reader} cannot read
     * (its identifying key is missing), is skipped and counted; a reader may also return null for an
     * element that holds nothing. Only when no element of a non-empty answer could be read is the
     * answer unusable as a whole.
     */
    static <T> List<T> read(TciaAnswer answer, boolean emptyMeansNoRows, TciaAnswerTally tally,
            RowReader<T> reader) throws TciaException {
        JsonNode root = array(answer, emptyMeansNoRows);
        List<T> records = new ArrayList<>(root.size());
        TciaException firstFailure = null;
        int skipped = 0;
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            try {
                if (!element.isObject()) {
                    throw notAnObject(answer, i, element);
                }
                T record = reader.read(new JsonRow(answer.endpoint(), i, (ObjectNode) element, tally));
                if (record != null) {
                    records.add(record);
                }
            } catch (TciaException unreadable) {
                firstFailure = firstFailure == null ? unreadable : firstFailure;
                skipped++;
                LOG.debugf("TCIA %s: %s; element skipped", answer.endpoint(), unreadable.getMessage());
            }
        }
        if (records.isEmpty() && firstFailure != null) {
            throw firstFailure;
        }
        for (int i = 0; i < skipped; i++) {
            tally.skippedElement();
        }
        return List.copyOf(records);
    }

    /**
     * The values of a single-key list such as {@code [{"Modality":"CR"},{}]}. Empty objects (a null
     * value the API left out) hold nothing; an object without the key is skipped as unreadable.
     */
    static List<String> values(TciaAnswer answer, String key, boolean emptyMeansNoRows, TciaAnswerTally tally)
            throws TciaException {
        return read(answer, emptyMeansNoRows, tally, row -> row.isEmpty() ? null : row.requiredText(key));
    }

    /** Reads one element; throws for an element without what identifies it. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(JsonRow row) throws TciaException;
    }

    private static JsonNode array(TciaAnswer answer, boolean emptyMeansNoRows) throws TciaException {
        if (answer.status() == 204 || answer.isEmpty()) {
            if (emptyMeansNoRows) {
                return JSON.createArrayNode();
            }
            throw malformed(answer, (answer.status() == 204 ? "204 No Content" : "an empty body")
                    + " where this interface answers [] for no rows");
        }
        JsonNode root = tree(answer);
        if (!root.isArray()) {
            String kind = root.getNodeType().name().toLowerCase(Locale.ROOT);
            String hint = root.isObject() && root.hasNonNull("errorMessage")
                    ? " (server reported: " + TciaException.excerpt(root.get("errorMessage").asText()) + ")" : "";
            throw malformed(answer, "expected a JSON array, got a JSON " + kind + hint);
        }
        return root;
    }

    private static TciaException notAnObject(TciaAnswer answer, int index, JsonNode element) {
        return malformed(answer, "answer element " + index + " is a JSON "
                + element.getNodeType().name().toLowerCase(Locale.ROOT) + ", expected an object");
    }

    /** Any JSON value (the v2 {@code /metadata} description). */
    static JsonNode tree(TciaAnswer answer) throws TciaException {
        try {
            JsonNode root = JSON.readTree(answer.body());
            if (root == null || root.isMissingNode()) {
                throw malformed(answer, "empty body");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(answer, "not JSON (content type " + answer.contentType() + ", starts with \""
                    + TciaException.excerpt(new String(answer.body(), 0, Math.min(answer.body().length, 40),
                            StandardCharsets.UTF_8)) + "\")");
        } catch (IOException e) {
            throw malformed(answer, "unreadable body");
        }
    }

    private static TciaException malformed(TciaAnswer answer, String what) {
        return new TciaException(Kind.MALFORMED_RESPONSE, answer.endpoint(), what, answer.status(), null, null, null);
    }
}
