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

import org.pacsbridge.tcia.TciaException.Kind;

/**
 * Reads the JSON answers of query endpoints: an array of objects. Where the interface says "nothing
 * matched" with an empty body or a 204 (the NBIA API), those are no rows; where it answers {@code []}
 * (the v2 interface), an empty body is as malformed as anything else that is not an array of objects.
 */
final class JsonRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRows() {
    }

    static List<JsonRow> parse(TciaAnswer answer, boolean emptyMeansNoRows) throws TciaException {
        if (answer.status() == 204 || answer.isEmpty()) {
            if (emptyMeansNoRows) {
                return List.of();
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
        List<JsonRow> rows = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            if (!element.isObject()) {
                throw malformed(answer, "answer element " + i + " is a JSON "
                        + element.getNodeType().name().toLowerCase(Locale.ROOT) + ", expected an object");
            }
            rows.add(new JsonRow(answer.endpoint(), i, (ObjectNode) element));
        }
        return rows;
    }

    /**
     * The values of a single-key list such as {@code [{"Modality":"CR"},{}]}. Empty objects (a null
     * value the API left out) are skipped; an object without the key is malformed.
     */
    static List<String> values(TciaAnswer answer, String key, boolean emptyMeansNoRows) throws TciaException {
        List<String> values = new ArrayList<>();
        for (JsonRow row : parse(answer, emptyMeansNoRows)) {
            if (row.isEmpty()) {
                continue;
            }
            if (!row.has(key)) {
                throw row.malformed("no '" + key + "' (keys present: " + row.keyNames() + ")");
            }
            values.add(row.text(key));
        }
        return List.copyOf(values);
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
