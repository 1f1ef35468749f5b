package org.pacsbridge.findings;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/**
 * Study correlation, alerts and the findings view ({@code pacs.findings.*}); defaults in
 * config/application.properties. The two keys of the events themselves are in
 * {@link org.pacsbridge.model.FindingsEventSettings}.
 */
@ConfigMapping(prefix = "pacs.findings")
public interface FindingsConfig {

    CorrelationConfig correlation();

    AlertConfig alerts();

    View view();

    /** {@code pacs.findings.view.*}: the read-only findings view. */
    interface View {
        boolean enabled();

        /** Whether the view asks for the admin log-in. */
        boolean authentication();

        int maxStudies();

        /** How far back the view reads the study topic at start. */
        Duration lookback();

        /** Consumer group of the view's feed (read by routes/findings.yaml). */
        String groupId();
    }
}
