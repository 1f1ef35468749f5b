package org.pacsbridge.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * One node application for the tests of limits, refusals and short timings, so that they share one start: the
 * production replication thresholds against the one-broker test cluster (KafkaTopicReplicationReadinessTest), a
 * bounded MLLP listener (MllpBoundsTest), a TCIA sync given up after one attempt at a closed port with the findings
 * view behind the admin log-in (OperatorAccessTest), and X-Raydar retry and circuit timings short enough for the
 * whole outage policy to show within a test (XraydarOutageTest); and the DICOM peers: the node forwards to dcmtk's
 * storescp (DicomIngestRouteTest; DicomForwardRefusedTest points the forward at a refusing PACS of its own) with its
 * spool on a small tmpfs (SpoolWatermarkTest, and StowRsTest below the watermark); STOW-RS with small size limits
 * and a bearer token (StowRsTest).
 * Each test reads only the part of the node its settings are about;
 * the node is never ready here (the replication thresholds), which KafkaTopicReplicationReadinessTest checks and
 * the others allow for.
 */
public class NodeLimitsProfile implements QuarkusTestProfile {

    /** pacs.mllp.frame-timeout here. */
    public static final long MLLP_FRAME_TIMEOUT_MILLIS = 4_000;
    /**
     * pacs.mllp.max-message-size here: 1 MiB rather than the default 10 MiB (MllpTlsTest attacks that one), so
     * that what a connection keeps is clearly the limit's size, not the frame's.
     */
    public static final int MLLP_MAX_MESSAGE_SIZE = 1 << 20;

    /** pacs.stow.* here: limits small enough to pass in a test, and a bearer token. */
    public static final String STOW_MAX_INSTANCE_SIZE = "4M";
    public static final String STOW_MAX_REQUEST_SIZE = "16M";
    public static final String STOW_TOKEN = "test-stow-token";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StorescpResource.class), new TestResourceEntry(TmpfsSpoolResource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("pacs.findings.view.authentication", "true");
        config.put("pacs.kafka.min-replication-factor", "3");
        config.put("pacs.kafka.min-insync-replicas", "2");
        config.put("pacs.mllp.allowed-remote-addresses", "127.0.0.1");
        config.put("pacs.mllp.frame-timeout", MLLP_FRAME_TIMEOUT_MILLIS + "ms");
        config.put("pacs.mllp.max-message-size", Integer.toString(MLLP_MAX_MESSAGE_SIZE));
        // a sync started here fails at once instead of reaching the internet
        config.put("pacs.tcia.base-url", "http://127.0.0.1:9/nbia-api/services/v4");
        config.put("pacs.tcia.max-attempts", "1");
        config.put("pacs.stow.max-instance-size", STOW_MAX_INSTANCE_SIZE);
        config.put("pacs.stow.max-request-size", STOW_MAX_REQUEST_SIZE);
        config.put("pacs.stow.token", STOW_TOKEN);
        for (String endpoint : List.of("cv", "nlp")) {
            config.put("pacs.xraydar." + endpoint + ".max-attempts", "3");
            config.put("pacs.xraydar." + endpoint + ".initial-backoff", "100ms");
            config.put("pacs.xraydar." + endpoint + ".max-backoff", "500ms");
            config.put("pacs.xraydar." + endpoint + ".circuit-failure-threshold", "5");
            config.put("pacs.xraydar." + endpoint + ".circuit-open-duration", "5s");
        }
        return config;
    }
}
