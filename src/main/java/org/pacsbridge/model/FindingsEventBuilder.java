package org.pacsbridge.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the findings event ({@code pacs-bridge.findings/v1}) that the node publishes for one
 * image (source {@code cv}) or one report version (source {@code nlp}).
 */
public final class FindingsEventBuilder {

    public static final String SCHEMA = "pacs-bridge.findings/v1";
    /** The minor version within v1: 1.1 added urgencySource and, for reports, vocabulary, attributes and text. */
    public static final String SCHEMA_VERSION = "1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode event = JSON.createObjectNode();
    private final ObjectNode study;
    private Instant receivedAt;

    private FindingsEventBuilder(String source) {
        event.put("schema", SCHEMA);
        event.put("schemaVersion", SCHEMA_VERSION);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("source", source);
        study = event.putObject("study");
    }

    public static FindingsEventBuilder cv() {
        return new FindingsEventBuilder("cv");
    }

    public static FindingsEventBuilder nlp() {
        return new FindingsEventBuilder("nlp");
    }

    /** Which engine answered; {@code simulated} is true for the demo simulator, whose output is not model output. */
    public FindingsEventBuilder engine(String name, String baseUrl, boolean simulated) {
        ObjectNode engine = event.putObject("engine");
        engine.put("name", name);
        engine.put("baseUrl", baseUrl);
        engine.put("simulated", simulated);
        return this;
    }

    public FindingsEventBuilder study(String accessionNumber, String studyInstanceUid, String patientId) {
        putIfNotNull(study, "accessionNumber", accessionNumber);
        putIfNotNull(study, "studyInstanceUid", studyInstanceUid);
        putIfNotNull(study, "patientId", patientId);
        return this;
    }

    /** The image a CV event is about. */
    public FindingsEventBuilder image(Map<String, String> attributes) {
        ObjectNode image = event.putObject("image");
        attributes.forEach((k, v) -> putIfNotNull(image, k, v));
        return this;
    }

    /** The report version an NLP event is about. */
    public FindingsEventBuilder report(String reportId, String status, String version) {
        ObjectNode report = event.putObject("report");
        putIfNotNull(report, "reportId", reportId);
        putIfNotNull(report, "status", status);
        putIfNotNull(report, "version", version);
        return this;
    }

    public FindingsEventBuilder result(XraydarResult result, FindingThresholds thresholds) {
        if (result.urgency() == null) {
            // never invented: the study event derives a report's urgency and says so
            event.putNull("urgency");
            event.put("urgencySource", "absent");
        } else {
            event.put("urgency", result.urgency());
            event.put("urgencySource", "model");
        }
        if (result.vocabulary() != null) {
            ObjectNode report = event.withObjectProperty("report");
            report.put("vocabulary", result.vocabulary().label());
            ObjectNode attributes = report.putObject("attributes");
            result.reportAttributes().forEach(attributes::put);
        }
        ArrayNode findings = event.putArray("findings");
        for (XraydarResult.FindingProbability fp : result.findings()) {
            ObjectNode finding = findings.addObject();
            finding.put("code", fp.finding().code());
            finding.put("label", fp.finding().label());
            finding.put("probability", fp.probability());
            double threshold = thresholds.threshold(fp.finding().code());
            finding.put("threshold", threshold);
            finding.put("positive", fp.probability() >= threshold);
        }
        if (!result.unknownKeys().isEmpty() || !result.missingCodes().isEmpty()) {
            ObjectNode notes = event.putObject("contractNotes");
            result.unknownKeys().forEach(notes.putArray("unknownKeys")::add);
            result.missingCodes().forEach(notes.putArray("missingCodes")::add);
        }
        return this;
    }

    /** How the report text was sent to the NLP model (an estimate of its tokens against the model's limit). */
    public FindingsEventBuilder reportText(int approximateTokens, int modelTokenLimit, boolean probablyTruncated,
            boolean impressionFirst) {
        ObjectNode text = event.withObjectProperty("report").putObject("text");
        text.put("approximateTokens", approximateTokens);
        text.put("modelTokenLimit", modelTokenLimit);
        text.put("probablyTruncated", probablyTruncated);
        text.put("impressionFirst", impressionFirst);
        return this;
    }

    public FindingsEventBuilder receivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
        return this;
    }

    /** Completes the timing block (received, completed, latency) and returns the JSON text. */
    public String build(Instant completedAt) {
        ObjectNode timing = event.putObject("timing");
        if (receivedAt != null) {
            timing.put("receivedAt", receivedAt.toString());
        }
        timing.put("completedAt", completedAt.toString());
        if (receivedAt != null) {
            timing.put("latencyMs", Duration.between(receivedAt, completedAt).toMillis());
        }
        return event.toString();
    }

    private static void putIfNotNull(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
