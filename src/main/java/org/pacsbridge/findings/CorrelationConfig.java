package org.pacsbridge.findings;

import java.time.Duration;
import java.util.List;

/** Study correlation settings ({@code pacs.findings.correlation.*}), a group of {@link FindingsConfig}. */
public interface CorrelationConfig {

    /** Whether this node takes part in study correlation. */
    boolean enabled();

    /**
     * The Kafka Streams application id: the consumer group of all replicas, and the prefix of the
     * changelog topic that holds the correlation state.
     */
    String applicationId();

    /** How long a study stays open for a late image or report after its last event. */
    Duration window();

    /** How often expired studies are removed from the state. */
    Duration expiryScanInterval();

    /** Local cache of the state (rebuilt from the changelog when lost); one per node instance. */
    String stateDir();

    /** {@code exactly_once_v2} (default) or {@code at_least_once}. */
    String processingGuarantee();

    /** How soon a replica that died is noticed and its studies taken over by another. */
    Duration sessionTimeout();

    /** View positions combined as frontal images. */
    List<String> frontalViews();

    /** Whether an image without a View Position counts as frontal. */
    boolean unknownViewIsFrontal();
}
