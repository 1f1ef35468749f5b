package org.pacsbridge.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * One node application in the production profile, for the tests of what production makes of a node that is not
 * set up yet, so that they share one start: a Kafka cluster that is not there yet (KafkaUnreachableInProductionTest
 * starts it on {@link #KAFKA_PORT}), no X-Raydar simulator although its port is set (SimulatorOffInProductionTest),
 * and no admin password (AdminWithoutPasswordTest). Each test reads only the part of the node it is about.
 */
public class ProductionProfile implements QuarkusTestProfile {

    /** kafka.bootstrap.servers points here; nothing listens until a test starts a broker on it. */
    public static final int KAFKA_PORT = FreePorts.claim();
    /** pacs.xraydar.simulator.port here: a free port nothing may open. */
    public static final int SIMULATOR_PORT = FreePorts.claim();
    /** pacs.xraydar.cv-url here. */
    public static final String CV_URL = "https://x-raydar.invalid/api/cv";

    @Override
    public String getConfigProfile() {
        return "prod";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", "localhost:" + KAFKA_PORT),
                // one test broker: the production replication thresholds are KafkaTopicReplicationReadinessTest's
                Map.entry("pacs.kafka.min-replication-factor", "1"),
                Map.entry("pacs.kafka.min-insync-replicas", "1"),
                Map.entry("quarkus.http.test-port", "0"),
                Map.entry("pacs.dicom.port", "0"),
                Map.entry("pacs.mllp.port", "0"),
                // as shipped, whatever the environment holds: no admin password until a site sets one
                Map.entry("pacs.admin.password", ""),
                Map.entry("pacs.xraydar.api-key", "PRODTESTKEY00000"),
                Map.entry("pacs.xraydar.cv-url", CV_URL),
                Map.entry("pacs.xraydar.simulator.port", Integer.toString(SIMULATOR_PORT)),
                Map.entry("pacs.spool.dir", "target/test-spool-prod"));
    }
}
