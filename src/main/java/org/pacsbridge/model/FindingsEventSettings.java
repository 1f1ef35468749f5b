package org.pacsbridge.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What findings events carry ({@code pacs.findings.positive-threshold}, {@code .include-patient-id}),
 * read by every flow that writes them. The rest of {@code pacs.findings.*} belongs to the study
 * correlation's own mapping.
 */
@ConfigMapping(prefix = "pacs.findings")
public interface FindingsEventSettings {

    /** A finding is {@code positive} in an event at or above this probability. */
    double positiveThreshold();

    @WithDefault("true")
    boolean includePatientId();
}
