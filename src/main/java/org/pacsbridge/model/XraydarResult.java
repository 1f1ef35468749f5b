package org.pacsbridge.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.pacsbridge.model.FindingCatalogue.Finding;

/**
 * What X-Raydar answered for one file, after validation.
 *
 * @param urgency      the reported urgency ({@code normal}, {@code non-urgent}, {@code urgent},
 *                     {@code critical}, or any other value passed through unchanged); {@code null}
 *                     when the answer carried none
 * @param findings     the known findings present in the answer, in catalogue order
 * @param unknownKeys  names in the answer that match no known finding, in the order received
 * @param missingCodes codes of known findings absent from the answer, in catalogue order
 * @param vocabulary   for a report (NLP) answer, whose labels it used: {@link Vocabulary#NLP} (the NLP
 *                     model's 45 labels), {@link Vocabulary#CV}, {@link Vocabulary#MIXED}, or
 *                     {@link Vocabulary#COMMON} (only labels both share); null for an image answer
 * @param reportAttributes for a report answer, the labels that describe the report rather than a
 *                     finding ({@code normal}, {@code recommendation}, ...) with their probabilities
 */
public record XraydarResult(String urgency, List<FindingProbability> findings, List<String> unknownKeys,
        List<String> missingCodes, Vocabulary vocabulary, Map<String, Double> reportAttributes) {

    /** Which of the two X-Raydar vocabularies a report answer used. */
    public enum Vocabulary {
        NLP, CV, MIXED, COMMON;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The probability the model gave one finding, in [0, 1]. */
    public record FindingProbability(Finding finding, double probability) {
        public FindingProbability {
            Objects.requireNonNull(finding, "finding");
        }
    }

    public XraydarResult {
        findings = List.copyOf(findings);
        unknownKeys = List.copyOf(unknownKeys);
        missingCodes = List.copyOf(missingCodes);
        reportAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(reportAttributes));
    }

    /** An image (CV) answer. */
    public XraydarResult(String urgency, List<FindingProbability> findings, List<String> unknownKeys,
            List<String> missingCodes) {
        this(urgency, findings, unknownKeys, missingCodes, null, Map.of());
    }

    /** The probability for a finding code, if the answer contained it. */
    public Optional<Double> probability(String code) {
        return findings.stream()
                .filter(f -> f.finding().code().equals(code))
                .map(FindingProbability::probability)
                .findFirst();
    }
}
