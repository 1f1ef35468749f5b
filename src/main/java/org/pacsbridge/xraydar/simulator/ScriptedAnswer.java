package org.pacsbridge.xraydar.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;

import com.fasterxml.jackson.databind.JsonNode;

import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.xraydar.NlpVocabulary;

/**
 * Values the {@link XraydarSimulator} puts into its next answer on one path, over the made-up
 * ones: to show a discrepancy or an urgent image on purpose in a demo or a test. Still simulator
 * output, marked as such.
 *
 * @param urgency  the urgency to answer, or null to keep the made-up one
 * @param findings finding code (e.g. {@code pneumothorax}) → probability
 */
public record ScriptedAnswer(String urgency, Map<String, Double> findings) {

    public ScriptedAnswer {
        for (Entry<String, Double> e : findings.entrySet()) {
            if (FindingCatalogue.byCode(e.getKey()).isEmpty()) {
                throw new IllegalArgumentException("unknown finding code " + e.getKey());
            }
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 1) {
                throw new IllegalArgumentException("probability of " + e.getKey() + " must be within [0, 1]");
            }
        }
        findings = Map.copyOf(findings);
    }

    /** From {@code {"urgency": "critical", "findings": {"pneumothorax": 0.97}}}. */
    public static ScriptedAnswer fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        Map<String, Double> findings = new LinkedHashMap<>();
        json.path("findings").fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("probability of " + e.getKey() + " is not a number");
            }
            findings.put(e.getKey(), e.getValue().asDouble());
        });
        JsonNode urgency = json.path("urgency");
        return new ScriptedAnswer(urgency.isTextual() ? urgency.asText() : null, findings);
    }

    /** Writes these values into a simulated answer ({@code AI_urgency}, {@code AI_prediction}). */
    @SuppressWarnings("unchecked")
    void applyTo(Map<String, Object> answer) {
        if (urgency != null) {
            answer.put("AI_urgency", urgency);
        }
        Map<String, Object> prediction = (Map<String, Object>) answer.get("AI_prediction");
        findings.forEach((code, p) -> {
            FindingCatalogue.Finding finding = FindingCatalogue.byCode(code).orElseThrow();
            String nlpKey = NlpVocabulary.nlpKey(finding);
            // an answer in the NLP vocabulary names the six renamed findings its own way
            prediction.put(prediction.containsKey(nlpKey) ? nlpKey : finding.modelKey(), p);
        });
    }
}
