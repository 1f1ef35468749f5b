package org.pacsbridge.reports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Collectors;

/**
 * JSON form of {@link Report} ({@code docs/schemas/report-v1.json}). {@link Report#identity()} is
 * never written; on reading it is taken from the identity fields ({@link ReportJsonIdentity}), so that
 * the text can be scrubbed of them. Timestamps are ISO-8601 strings; unknown properties are ignored on
 * reading so that producers may add fields within v1.
 *
 * <p>Error messages name the field and the problem, never the value: a bad document may hold
 * patient data. For the same reason the Jackson exception is not attached as the cause.
 */
public final class ReportJson {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String toJson(Report report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report could not be written as JSON", null);
        }
    }

    /**
     * Reads a report and checks what every consumer relies on: {@code schema} (when present) is
     * {@value Report#SCHEMA}, {@code accessionNumber} and {@code reportText} are non-blank strings and
     * {@code status} is one of {@link ReportStatus}. A report without {@code reportId} gets the one
     * {@link Report#reportIdOf} gives, as a report read from HL7 would.
     */
    public Report fromJson(String json) throws ReportFormatException {
        JsonNode tree;
        try {
            tree = mapper.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException("not valid JSON" + at(e.getLocation()));
        }
        if (tree == null || !tree.isObject()) {
            throw new ReportFormatException("not a JSON object");
        }
        JsonNode schema = tree.get("schema");
        if (schema != null && !schema.isNull() && !Report.SCHEMA.equals(schema.asText())) {
            throw new ReportFormatException("schema is not " + Report.SCHEMA);
        }
        requireText(tree, "accessionNumber");
        requireText(tree, "reportText");
        requireText(tree, "status");
        PatientIdentity identity = ReportJsonIdentity.read(tree);
        try {
            // without a reportId every such report would share one "sent once" key
            return mapper.treeToValue(tree, Report.class).withIdentity(identity).withReportIdIfMissing();
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new ReportFormatException("invalid value for " + (path.isEmpty() ? "the report" : path));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ReportFormatException("invalid report");
        }
    }

    private static void requireText(JsonNode tree, String field) throws ReportFormatException {
        JsonNode value = tree.get(field);
        if (value == null || value.isNull()) {
            throw new ReportFormatException(field + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ReportFormatException(field + " must be a non-empty string");
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
