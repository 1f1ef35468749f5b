package org.pacsbridge.ops.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pacsbridge.ops.kafka.KafkaBrokerProcess;
import org.pacsbridge.testing.KafkaBrokerResource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The production profile pointed at a cluster that is not there yet: the node starts anyway, is
 * not ready, and becomes ready by itself once the broker appears.
 */
@QuarkusTest
@TestProfile(KafkaUnreachableInProductionTest.ProductionWithoutKafka.class)
class KafkaUnreachableInProductionTest {

    static final int PORT;

    static {
        try {
            PORT = KafkaBrokerResource.freePort();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static class ProductionWithoutKafka implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // one test broker: the production replication thresholds are KafkaTopicReplicationReadinessTest's
            return Map.of("kafka.bootstrap.servers", "localhost:" + PORT,
                    "pacs.kafka.min-replication-factor", "1",
                    "pacs.kafka.min-insync-replicas", "1",
                    "quarkus.http.test-port", "0",
                    "pacs.dicom.port", "0",
                    "pacs.mllp.port", "0",
                    "pacs.xraydar.api-key", "PRODTESTKEY00000",
                    "pacs.spool.dir", "target/test-spool-prod");
        }
    }

    @Test
    void notReadyWithoutKafkaThenReadyWhenItAppears() throws Exception {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);

        try (KafkaBrokerProcess broker = KafkaBrokerResource.startBroker(
                Files.createTempDirectory("pacs-late-kafka"), PORT)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> given().when().get("/q/health/ready")
                            .then().statusCode(200).body("status", equalTo("UP")));
        }
    }
}
