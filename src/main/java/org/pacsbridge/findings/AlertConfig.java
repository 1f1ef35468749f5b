package org.pacsbridge.findings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Discrepancy and urgency alert settings ({@code pacs.findings.alerts.*}). The defaults are
 * conservative: only findings that must not be missed, and only clear disagreement.
 */
@ConfigMapping(prefix = "pacs.findings.alerts")
public interface AlertConfig {

    @WithDefault("true")
    boolean enabled();

    /** Finding codes (findings-v1 {@code code}) the discrepancy rules watch. */
    @WithDefault("pneumothorax,pneumomediastinum,pneumoperitoneum,rib_fracture")
    List<String> findings();

    /** Image probability at or above which the image "sees" a finding. */
    @WithDefault("0.9")
    double imageHigh();

    /** Report probability at or below which the report "does not mention" a finding. */
    @WithDefault("0.1")
    double reportLow();

    /** Report probability at or above which the report "states" a finding. */
    @WithDefault("0.9")
    double reportHigh();

    /** Image probability at or below which the image "does not see" a finding. */
    @WithDefault("0.1")
    double imageLow();

    /** Whether "report states it, image does not see it" is alerted too. */
    @WithDefault("true")
    boolean reportPositiveImageNegative();

    /** Image urgencies that raise an alert by themselves. Empty: none. */
    @WithDefault("critical,urgent")
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
