package org.pacsbridge.model;

import java.util.Map;

/** The probability at or above which a finding counts as positive; one default, overridable per finding code. */
public record FindingThresholds(double defaultThreshold, Map<String, Double> perFinding) {

    public FindingThresholds {
        if (defaultThreshold < 0 || defaultThreshold > 1) {
            throw new IllegalArgumentException("threshold must be in [0, 1]: " + defaultThreshold);
        }
        perFinding = Map.copyOf(perFinding);
    }

    public double threshold(String code) {
        return perFinding.getOrDefault(code, defaultThreshold);
    }
}
