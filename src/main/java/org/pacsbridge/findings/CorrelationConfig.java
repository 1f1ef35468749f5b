package org.pacsbridge.findings;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Study correlation settings ({@code pacs.findings.correlation.*}); documented in the README. */
@ConfigMapping(prefix = "pacs.findings.correlation")
public interface CorrelationConfig {

    /** Whether this node takes part in study correlation. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The Kafka Streams application id: the consumer group of all replicas, and the prefix of the
     * changelog topic that holds the correlation state.
     */
    @WithDefault("pacs-bridge-findings")
    String applicationId();

    /** How long a study stays open for a late image or report after its last event. */
    @WithDefault("7d")
    Duration window();

    /** How often expired studies are removed from the state. */
    @WithDefault("1h")
    Duration expiryScanInterval();

    /** Local cache of the state (rebuilt from the changelog when lost); one per node instance. */
    @WithDefault("data/streams")
    String stateDir();

    /** {@code exactly_once_v2} (default) or {@code at_least_once}. */
    @WithDefault("exactly_once_v2")
    String processingGuarantee();

    /** How soon a replica that died is noticed and its studies taken over by another. */
    @WithDefault("15s")
    Duration sessionTimeout();

    /** View positions combined as frontal images. */
    @WithDefault("PA,AP")
    List<String> frontalViews();

    /** Whether an image without a View Position counts as frontal. */
    @WithDefault("true")
    boolean unknownViewIsFrontal();
}
