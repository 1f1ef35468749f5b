package org.pacsbridge.findings;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pacsbridge.model.FindingsEventBuilder;

/**
 * Reads a findings-v1 event (docs/schemas/findings-v1.json) into the parts the correlation keeps.
 * Refuses, with a message naming the field, what the correlation cannot use; ignores properties it
 * does not know, as the schema asks of consumers.
 */
public final class FindingsEventReader {

    private final ObjectMapper json;

    public FindingsEventReader(ObjectMapper json) {
        this.json = json;
    }

    public FindingsInput read(byte[] value) throws FindingsEventFormatException {
        if (value == null || value.length == 0) {
            throw new FindingsEventFormatException("empty record");
        }
        JsonNode event;
        try {
            event = json.readTree(value);
        } catch (IOException e) {
            throw new FindingsEventFormatException("not JSON", e);
        }
        if (event == null || !event.isObject()) {
            throw new FindingsEventFormatException("not a JSON object");
        }
        String schema = event.path("schema").asText();
        if (!FindingsEventBuilder.SCHEMA.equals(schema)) {
            throw new FindingsEventFormatException("schema is '" + schema + "', expected " + FindingsEventBuilder.SCHEMA);
        }
        StudyIds study = study(event.path("study"));
        EngineInfo engine = engine(event.path("engine"));
        Map<String, Double> probabilities = probabilities(event.path("findings"));
        Instant completedAt = instant(event.path("timing").path("completedAt"), "timing.completedAt");
        String eventId = required(event, "eventId");
        String urgency = textOrNull(event.path("urgency"));
        String source = event.path("source").asText();
        switch (source) {
            case "cv" -> {
                JsonNode image = event.path("image");
                return new FindingsInput.Image(study, new ImageRead(required(image, "sopInstanceUid"),
                        textOrNull(image.path("seriesInstanceUid")), textOrNull(image.path("viewPosition")),
                        urgency, engine, probabilities, completedAt, eventId));
            }
            case "nlp" -> {
                JsonNode report = event.path("report");
                long version;
                try {
                    version = Long.parseLong(required(report, "version"));
                } catch (NumberFormatException e) {
                    throw new FindingsEventFormatException("report.version is not a number");
                }
                return new FindingsInput.Report(study, new ReportRead(required(report, "reportId"),
                        required(report, "status"), version, urgency, engine, probabilities, completedAt, eventId));
            }
            default -> throw new FindingsEventFormatException("source is '" + source + "', expected cv or nlp");
        }
    }

    private static StudyIds study(JsonNode study) throws FindingsEventFormatException {
        StudyIds ids = new StudyIds(textOrNull(study.path("accessionNumber")), textOrNull(study.path("studyInstanceUid")),
                textOrNull(study.path("patientId")));
        if (ids.accessionNumber() == null && ids.studyInstanceUid() == null) {
            throw new FindingsEventFormatException("study has neither accessionNumber nor studyInstanceUid");
        }
        return ids;
    }

    private static EngineInfo engine(JsonNode engine) throws FindingsEventFormatException {
        if (!engine.path("simulated").isBoolean()) {
            throw new FindingsEventFormatException("engine.simulated is missing");
        }
        return new EngineInfo(required(engine, "name"), engine.path("simulated").asBoolean(),
                textOrNull(engine.path("modelVersion")));
    }

    private static Map<String, Double> probabilities(JsonNode findings) throws FindingsEventFormatException {
        if (!findings.isArray() || findings.isEmpty()) {
            throw new FindingsEventFormatException("findings is missing or empty");
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (JsonNode finding : findings) {
            String code = required(finding, "code");
            JsonNode p = finding.path("probability");
            if (!p.isNumber() || p.asDouble() < 0 || p.asDouble() > 1) {
                throw new FindingsEventFormatException("findings[" + code + "].probability is not a number in [0, 1]");
            }
            probabilities.put(code, p.asDouble());
        }
        return probabilities;
    }

    private static Instant instant(JsonNode node, String field) throws FindingsEventFormatException {
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new FindingsEventFormatException(field + " is not an ISO-8601 instant");
        }
    }

    private static String required(JsonNode parent, String field) throws FindingsEventFormatException {
        String value = textOrNull(parent.path(field));
        if (value == null) {
            throw new FindingsEventFormatException(field + " is missing");
        }
        return value;
    }

    private static String textOrNull(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }
}
