package org.pacsbridge.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * One node application for the tests of limits and refusals, so that they share one start: no admin password
 * with the findings view behind the log-in (AdminWithoutPasswordTest), the production replication thresholds
 * against the one-broker test cluster (KafkaTopicReplicationReadinessTest), and a bounded MLLP listener
 * (MllpBoundsTest). Each test reads only the part of the node its settings are about.
 */
public class NodeLimitsProfile implements QuarkusTestProfile {

    /** pacs.mllp.frame-timeout here. */
    public static final long MLLP_FRAME_TIMEOUT_MILLIS = 4_000;
    /**
     * pacs.mllp.max-message-size here: 1 MiB rather than the default 10 MiB (MllpTlsTest attacks that one), so
     * that what a connection keeps is clearly the limit's size, not the frame's.
     */
    public static final int MLLP_MAX_MESSAGE_SIZE = 1 << 20;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "pacs.admin.password", "",
                "pacs.findings.view.authentication", "true",
                "pacs.kafka.min-replication-factor", "3",
                "pacs.kafka.min-insync-replicas", "2",
                "pacs.mllp.allowed-remote-addresses", "127.0.0.1",
                "pacs.mllp.frame-timeout", MLLP_FRAME_TIMEOUT_MILLIS + "ms",
                "pacs.mllp.max-message-size", Integer.toString(MLLP_MAX_MESSAGE_SIZE));
    }
}
