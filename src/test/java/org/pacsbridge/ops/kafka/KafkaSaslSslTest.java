package org.pacsbridge.ops.kafka;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.ops.SecretsNotExposedTest;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.SecureKafkaBroker;
import org.pacsbridge.testing.TopicReader;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The node against a broker that speaks SASL_SSL only (SCRAM-SHA-512, TLS with a certificate made
 * for the run): a report taken over MLLP is acknowledged, and it, its findings and the study
 * correlation's event reach their topics, where a SASL_SSL reader with read_committed finds them;
 * readiness says Kafka is up. Routes, the node's own producers (sent-once transactions), the admin
 * clients and Kafka Streams therefore all authenticate.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(SecretsNotExposedTest.DistinctiveSecrets.class) // a SASL_SSL node: shares SecretsNotExposedTest's start
class KafkaSaslSslTest {

    @Inject
    KafkaClientSettings settings;

    @Inject
    RunningSimulator simulator;

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.topic.reports")
    String reportsTopic;

    @ConfigProperty(name = "pacs.topic.findings-nlp")
    String nlpTopic;

    @ConfigProperty(name = "pacs.topic.findings-study")
    String studyTopic;

    @Test
    void aReportTravelsOverSaslSsl() throws Exception {
        // the application's simulator may still hold faults planned by a test before this one
        simulator.simulator().orElseThrow().clearFaults();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200).body("checks.find { it.name == 'kafka' }.status", equalTo("UP")));

        String accession = "SASL" + System.nanoTime();
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            String ack = client.send(Hl7Reports.chestOru(accession, "S" + accession, "F", 0, "No pneumothorax."));
            assertEquals("AA", MllpClient.ackCode(ack), ack);
        }
        Map<String, Object> reader = settings.clientProperties();
        assertEquals("SASL_SSL", reader.get("security.protocol"));
        assertTrue(awaitRecord(reader, reportsTopic, accession).value().startsWith("MSH|"));
        assertTrue(awaitRecord(reader, nlpTopic, accession).value().contains("\"source\":\"nlp\""));
        assertTrue(awaitRecord(reader, studyTopic, accession).value().contains(accession));
    }

    @Test
    void theBrokerRefusesClientsWithoutTheRightCredentials() {
        Map<String, Object> plain = new HashMap<>(settings.clientProperties());
        plain.put("sasl.jaas.config", KafkaSecurity.jaasConfig("SCRAM-SHA-512", SecureKafkaBroker.USER, "not-it"));
        Properties props = new Properties();
        props.putAll(plain);
        try (Admin admin = Admin.create(props)) {
            Throwable failure = null;
            try {
                admin.describeCluster().nodes().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                failure = e.getCause() == null ? e : e.getCause();
            }
            assertTrue(failure instanceof SaslAuthenticationException, "refused: " + failure);
        }
    }

    private static ConsumerRecord<String, String> awaitRecord(Map<String, Object> client, String topic, String key) {
        List<ConsumerRecord<String, String>> read = TopicReader.readUntil(client, topic, r -> key.equals(r.key()),
                Duration.ofSeconds(60));
        Optional<ConsumerRecord<String, String>> record = read.stream().filter(r -> key.equals(r.key())).findFirst();
        return record.orElseThrow(() -> new AssertionError("nothing keyed " + key + " on " + topic
                + " (" + read.size() + " records read)"));
    }
}
