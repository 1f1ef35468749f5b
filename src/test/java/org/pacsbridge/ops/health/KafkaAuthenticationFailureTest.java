package org.pacsbridge.ops.health;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.SecureKafkaBroker;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The node given a wrong SASL password for a SASL_SSL cluster: it runs but is not ready, the
 * readiness check's {@code kafka} entry says that authentication failed (and never shows the
 * password), and a report sent meanwhile is answered AE, not AA.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(KafkaAuthenticationFailureTest.WrongPassword.class)
class KafkaAuthenticationFailureTest {

    static final String WRONG_PASSWORD = "Wr0ngKafkaPassw0rd-7d1e";

    public static class WrongPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(SecureKafkaBroker.get("SASL_SSL").nodeSettings(WRONG_PASSWORD));
            settings.put("pacs.mllp.kafka-timeout-ms", "3000");
            return settings;
        }
    }

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @Test
    void notReadyAndTheReasonIsAuthentication() throws Exception {
        String[] body = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            body[0] = given().when().get("/q/health/ready").then().statusCode(503).extract().asString();
            String error = JsonPath.from(body[0]).getString("checks.find { it.name == 'kafka' }.data.error");
            assertTrue(error != null && error.contains("Authentication failed"), body[0]);
        });
        assertEquals("DOWN", JsonPath.from(body[0]).getString("checks.find { it.name == 'kafka' }.status"));
        assertFalse(body[0].contains(WRONG_PASSWORD), body[0]);
        String all = given().when().get("/q/health").then().extract().asString();
        assertFalse(all.contains(WRONG_PASSWORD), all);
        given().when().get("/q/health/live").then().statusCode(200);

        String accession = "AUTH" + System.nanoTime();
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            String ack = client.send(Hl7Reports.chestOru(accession, "A" + accession, "F", 0, "Normal."));
            assertEquals("AE", MllpClient.ackCode(ack), "Kafka did not take the report: " + ack);
            assertFalse(ack.contains(WRONG_PASSWORD), ack);
        }
    }
}
