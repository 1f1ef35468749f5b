package org.pacsbridge.findings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discrepancy and urgency alert settings ({@code pacs.findings.alerts.*}). The shipped defaults are
 * conservative: only findings that must not be missed, and only clear disagreement.
 */
public interface AlertConfig {

    boolean enabled();

    /** Finding codes (findings-v1 {@code code}) the discrepancy rules watch. */
    List<String> findings();

    /** Image probability at or above which the image "sees" a finding. */
    double imageHigh();

    /** Report probability at or below which the report "does not mention" a finding. */
    double reportLow();

    /** Report probability at or above which the report "states" a finding. */
    double reportHigh();

    /** Image probability at or below which the image "does not see" a finding. */
    double imageLow();

    /** Whether "report states it, image does not see it" is alerted too. */
    boolean reportPositiveImageNegative();

    /** Image urgencies that raise an alert by themselves. Empty: none. */
    Optional<List<String>> urgencies();

    /** Per-finding overrides: {@code pacs.findings.alerts.rule.pneumothorax.image-high=0.8}. */
    Map<String, RuleOverride> rule();

    interface RuleOverride {
        Optional<Double> imageHigh();

        Optional<Double> reportLow();

        Optional<Double> reportHigh();

        Optional<Double> imageLow();

        Optional<Boolean> reportPositiveImageNegative();
    }
}
