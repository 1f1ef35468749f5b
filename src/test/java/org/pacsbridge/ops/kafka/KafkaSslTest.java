package org.pacsbridge.ops.kafka;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.SecureKafkaBroker;
import org.pacsbridge.testing.TopicReader;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The node against a broker whose only client listener is TLS without SASL. */
@Tag("quarkus")
@QuarkusTest
@TestProfile(KafkaSslTest.Ssl.class)
class KafkaSslTest {

    public static class Ssl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return SecureKafkaBroker.get("SSL").nodeSettings(null);
        }
    }

    @Inject
    KafkaClientSettings settings;

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.topic.reports")
    String reportsTopic;

    @Test
    void aReportIsAcknowledgedAndStoredOverTls() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200).body("checks.find { it.name == 'kafka' }.status", equalTo("UP")));
        Map<String, Object> reader = settings.clientProperties();
        assertEquals("SSL", reader.get("security.protocol"));
        String accession = "TLS" + System.nanoTime();
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            assertEquals("AA", MllpClient.ackCode(client.send(
                    Hl7Reports.chestOru(accession, "T" + accession, "F", 0, "Normal."))));
        }
        assertFalse(TopicReader.readUntil(reader, reportsTopic, r -> accession.equals(r.key()), Duration.ofSeconds(60))
                .stream().noneMatch(r -> accession.equals(r.key())), "the report is on " + reportsTopic);
    }
}
