package org.pacsbridge.ops.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.ops.kafka.KafkaBrokerProcess;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.ProductionProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The production profile pointed at a cluster that is not there yet: the node starts anyway, is
 * not ready, and becomes ready by itself once the broker appears.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(ProductionProfile.class)
class KafkaUnreachableInProductionTest {

    @Test
    void notReadyWithoutKafkaThenReadyWhenItAppears() throws Exception {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);

        try (KafkaBrokerProcess broker = KafkaBrokerResource.startBroker(
                Files.createTempDirectory("pacs-late-kafka"), ProductionProfile.KAFKA_PORT)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> given().when().get("/q/health/ready")
                            .then().statusCode(200).body("status", equalTo("UP")));
        }
    }
}
