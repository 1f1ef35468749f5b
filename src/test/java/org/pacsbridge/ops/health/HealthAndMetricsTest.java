package org.pacsbridge.ops.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.KafkaBrokerResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@Tag("quarkus")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class HealthAndMetricsTest {

    @Inject
    ProducerTemplate producer;

    @Test
    void readyWhenKafkaAnswers() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka"))
                .body("checks.find { it.name == 'kafka' }.data.brokers", equalTo(1));
    }

    @Test
    void theStudyCorrelationStateIsADetail() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                given().when().get("/q/health/ready")
                        .then().statusCode(200)
                        .body("checks.find { it.name == 'study-correlation' }.data.state", equalTo("running")));
    }

    @Test
    void liveIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsCarryCamelRouteFigures() {
        producer.sendBody("direct:deadletter", "metrics-probe");
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("camel_exchanges_total{"))
                .body(containsString("routeId=\"deadletter\""))
                // off for its cost per exchange (config/application.properties)
                .body(not(containsString("camel_exchange_event_notifier")));
    }
}
