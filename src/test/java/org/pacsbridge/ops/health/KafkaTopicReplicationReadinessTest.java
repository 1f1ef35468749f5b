package org.pacsbridge.ops.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.NodeLimitsProfile;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The production thresholds against the single test broker: its topics have one replica, so
 * acks=all means one broker's memory, and the node must not take work in.
 */
@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(NodeLimitsProfile.class)
class KafkaTopicReplicationReadinessTest {

    @Test
    void notReadyWhileATopicItWritesHasOneReplica() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"))
                // the sent-once topic is created by the node itself at start-up
                .body("checks.find { it.name == 'kafka' }.data.'topic.pacs.internal.xraydar-sent'",
                        equalTo("replication factor 1 < 3 (pacs.kafka.min-replication-factor)")));
        // reachable all along: the reason is the topic, not the connection
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'kafka' }.data.brokers", equalTo(1));
    }
}
