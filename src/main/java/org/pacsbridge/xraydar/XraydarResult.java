package org.pacsbridge.xraydar;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.pacsbridge.xraydar.FindingCatalogue.Finding;

/**
 * What X-Raydar answered for one file, after validation.
 *
 * @param urgency      the reported urgency ({@code normal}, {@code non-urgent}, {@code urgent},
 *                     {@code critical}, or any other value passed through unchanged); {@code null}
 *                     when the answer carried none
 * @param findings     the known findings present in the answer, in catalogue order
 * @param unknownKeys  names in the answer that match no known finding, in the order received
 * @param missingCodes codes of known findings absent from the answer, in catalogue order
 */
public record XraydarResult(String urgency, List<FindingProbability> findings, List<String> unknownKeys,
        List<String> missingCodes) {

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
    }

    /** The probability for a finding code, if the answer contained it. */
    public Optional<Double> probability(String code) {
        return findings.stream()
                .filter(f -> f.finding().code().equals(code))
                .map(FindingProbability::probability)
                .findFirst();
    }
}
