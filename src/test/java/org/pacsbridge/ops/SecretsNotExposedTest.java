package org.pacsbridge.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.ops.console.ConsoleServer;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.Hl7Reports;
import org.pacsbridge.testing.MllpClient;
import org.pacsbridge.testing.SecureKafkaBroker;
import org.pacsbridge.xraydar.simulator.FaultPlan;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * Every secret the node holds gets a distinctive value — the X-Raydar key and de-identification
 * salt, the TCIA key, password and client secret, the Kafka SASL and TLS store passwords, the
 * DICOM TLS store passwords, the console password — and the node runs with them: Kafka over
 * SASL_SSL, DICOM TLS on, a report that X-Raydar refuses (401 from the simulator), input the node
 * refuses, a TCIA sync that fails. None of the values then appears in any log record (the whole
 * run, start-up included, at DEBUG for the node and Camel, INFO for the Kafka clients), in
 * {@code /q/metrics}, in {@code /q/health} with its details, in HTTP answers to bad requests, or in
 * what Jolokia shows of the Camel context and the JVM. And {@code config/application.properties}
 * sets none of them.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(SecretsNotExposedTest.DistinctiveSecrets.class)
public class SecretsNotExposedTest {

    static final Path LOG_FILE = Path.of("target/secrets-not-exposed.log").toAbsolutePath();

    static final String XRAYDAR_KEY = "Xr4yd4rK3yZq9W2m";
    static final String DEIDENTIFY_SALT = "salt-Secret-3f9a2c71";
    static final String TCIA_API_KEY = "tcia-ApiKey-61b7e0d4";
    static final String TCIA_PASSWORD = "tcia-Password-0c5d9e2a";
    static final String TCIA_CLIENT_SECRET = "tcia-ClientSecret-a8e41f3b";
    static final String KAFKA_KEYSTORE_PASSWORD = "kafka-KeystorePw-7e2b90c1";
    static final String KAFKA_KEY_PASSWORD = "kafka-KeyPw-d41c6a08";
    static final String DICOM_KEY_STORE_PASSWORD = "dicom-KeyStorePw-2b7f5e91";
    static final String DICOM_TRUST_STORE_PASSWORD = "dicom-TrustStorePw-96c03ad7";
    static final String CONSOLE_PASSWORD = "console-Password-e5a1b3f8";
    static final String ADMIN_PASSWORD = "admin-Password-4c8e2d17";
    static final String MLLP_KEY_STORE_PASSWORD = "mllp-KeyStorePw-b3e07a52";

    /** Secret keys: any key of the node whose value must come from the environment or a Secret file. */
    static final Pattern SECRET_KEY = Pattern.compile(
            "(password|api-key|client-secret|deidentify-salt|jaas\\.config)$");

    public static class DistinctiveSecrets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.deleteIfExists(LOG_FILE);
                Path dir = Files.createTempDirectory("pacs-secrets-test");
                Path keyStore = dir.resolve("dicom-server.p12");
                Path trustStore = dir.resolve("dicom-trust.p12");
                keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=pacs-bridge-test", "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", keyStore.toString(), "-storepass", DICOM_KEY_STORE_PASSWORD,
                        "-keypass", DICOM_KEY_STORE_PASSWORD);
                Path certificate = dir.resolve("server.pem");
                keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storetype",
                        "PKCS12", "-storepass", DICOM_KEY_STORE_PASSWORD, "-file", certificate.toString());
                keytool("-importcert", "-noprompt", "-alias", "peer", "-file", certificate.toString(), "-storetype",
                        "PKCS12", "-keystore", trustStore.toString(), "-storepass", DICOM_TRUST_STORE_PASSWORD);

                Path mllpKeyStore = dir.resolve("mllp-server.p12");
                keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=pacs-bridge-test", "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", mllpKeyStore.toString(), "-storepass", MLLP_KEY_STORE_PASSWORD,
                        "-keypass", MLLP_KEY_STORE_PASSWORD);

                SecureKafkaBroker kafka = SecureKafkaBroker.get("SASL_SSL");
                Map<String, String> config = new HashMap<>(kafka.nodeSettings(kafka.password));
                config.put("pacs.kafka.ssl.keystore-password", KAFKA_KEYSTORE_PASSWORD);
                config.put("pacs.kafka.ssl.key-password", KAFKA_KEY_PASSWORD);
                config.put("pacs.xraydar.api-key", XRAYDAR_KEY);
                config.put("pacs.xraydar.deidentify-salt", DEIDENTIFY_SALT);
                config.put("pacs.tcia.api", "v2");
                config.put("pacs.tcia.base-url", "http://127.0.0.1:" + closedPort() + "/services/v2");
                config.put("pacs.tcia.api-key", TCIA_API_KEY);
                config.put("pacs.tcia.api-key-in-query", "true");
                config.put("pacs.tcia.username", "pacs-test-user");
                config.put("pacs.tcia.password", TCIA_PASSWORD);
                config.put("pacs.tcia.client-secret", TCIA_CLIENT_SECRET);
                config.put("pacs.tcia.max-attempts", "1");
                config.put("pacs.tcia.request-delay", "0ms");
                config.put("pacs.dicom.tls.enabled", "true");
                config.put("pacs.dicom.tls.key-store", keyStore.toString());
                config.put("pacs.dicom.tls.key-store-password", DICOM_KEY_STORE_PASSWORD);
                config.put("pacs.dicom.tls.trust-store", trustStore.toString());
                config.put("pacs.dicom.tls.trust-store-password", DICOM_TRUST_STORE_PASSWORD);
                config.put("pacs.dicom.tls.client-auth", "WANT");
                config.put("pacs.console.password", CONSOLE_PASSWORD);
                config.put("pacs.admin.password", ADMIN_PASSWORD);
                config.put("pacs.mllp.tls.enabled", "true");
                config.put("pacs.mllp.tls.port", Integer.toString(closedPort()));
                config.put("pacs.mllp.tls.key-store", mllpKeyStore.toString());
                config.put("pacs.mllp.tls.key-store-password", MLLP_KEY_STORE_PASSWORD);
                config.put("quarkus.log.file.enabled", "true");
                config.put("quarkus.log.file.path", LOG_FILE.toString());
                config.put("quarkus.log.file.level", "ALL");
                config.put("quarkus.log.category.\"org.pacsbridge\".level", "DEBUG");
                config.put("quarkus.log.category.\"org.apache.camel\".level", "DEBUG");
                config.put("quarkus.log.category.\"org.apache.kafka\".level", "INFO");
                return config;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static void keytool(String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("keytool"));
            command.addAll(List.of(arguments));
            Dcmtk.Result result = Dcmtk.run(60, command.toArray(String[]::new));
            if (!result.ok()) {
                throw new IOException("keytool failed: " + result.output());
            }
        }

        private static int closedPort() throws IOException {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    @Inject
    RunningSimulator simulator;

    @Inject
    ConsoleServer console;

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.kafka.sasl.password")
    String kafkaPassword;

    @ConfigProperty(name = "pacs.kafka.ssl.truststore-password")
    String kafkaTruststorePassword;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noSecretValueLeavesTheNode() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("pacs.xraydar.api-key", XRAYDAR_KEY);
        secrets.put("pacs.xraydar.deidentify-salt", DEIDENTIFY_SALT);
        secrets.put("pacs.tcia.api-key", TCIA_API_KEY);
        secrets.put("pacs.tcia.password", TCIA_PASSWORD);
        secrets.put("pacs.tcia.client-secret", TCIA_CLIENT_SECRET);
        secrets.put("pacs.kafka.sasl.password", kafkaPassword);
        secrets.put("pacs.kafka.ssl.truststore-password", kafkaTruststorePassword);
        secrets.put("pacs.kafka.ssl.keystore-password", KAFKA_KEYSTORE_PASSWORD);
        secrets.put("pacs.kafka.ssl.key-password", KAFKA_KEY_PASSWORD);
        secrets.put("pacs.dicom.tls.key-store-password", DICOM_KEY_STORE_PASSWORD);
        secrets.put("pacs.dicom.tls.trust-store-password", DICOM_TRUST_STORE_PASSWORD);
        secrets.put("pacs.console.password", CONSOLE_PASSWORD);
        secrets.put("pacs.admin.password", ADMIN_PASSWORD);
        secrets.put("pacs.mllp.tls.key-store-password", MLLP_KEY_STORE_PASSWORD);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200));

        // a chest report X-Raydar refuses (401): the node dead-letters it and says the key was rejected
        simulator.simulator().orElseThrow().faults(FaultPlan.builder().unauthorizedNext(10).build());
        String accession = "SEC" + System.nanoTime();
        try (MllpClient client = new MllpClient("127.0.0.1", mllpPort, StandardCharsets.UTF_8)) {
            assertEquals("AA", MllpClient.ackCode(client.send(
                    Hl7Reports.chestOru(accession, "S" + accession, "F", 0, "No pneumothorax."))));
            assertEquals("AR", MllpClient.ackCode(client.send("\u0000\u0001garbage")));
            assertEquals("AE", MllpClient.ackCode(client.send(
                    Hl7Reports.chestOru(accession + "Q", "Q" + accession, "Q", 0, "Unknown status."))));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().when().get("/q/metrics").asString()
                .lines().anyMatch(l -> l.startsWith("pacs_deadletters_total") && !l.endsWith(" 0.0")));

        // a TCIA run that fails (nothing listens at the base URL); its key travels in the query
        admin().when().post("/admin/tcia/sync").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> admin().when().get("/admin/tcia/sync")
                .asString().contains("lastFailure"));

        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("/q/metrics", given().when().get("/q/metrics").asString());
        seen.put("/q/health", given().when().get("/q/health").asString());
        seen.put("/q/health/ready", given().when().get("/q/health/ready").asString());
        seen.put("/admin/tcia/sync", admin().when().get("/admin/tcia/sync").asString());
        seen.put("POST /admin/tcia/sync?full=maybe", admin().when().post("/admin/tcia/sync?full=maybe").asString());
        seen.put("/admin/deadletters/replay", admin().when().get("/admin/deadletters/replay").asString());
        seen.put("/admin wrong password", given().auth().preemptive().basic("admin", "not-" + ADMIN_PASSWORD)
                .when().get("/admin/tcia/sync").asString());
        seen.put("/findings/api/studies/none", given().when().get("/findings/api/studies/NOSUCHSTUDY").asString());
        seen.put("/findings/api/studies?limit=x", given().when().get("/findings/api/studies?limit=x").asString());
        seen.put("/no/such/path", given().when().get("/no/such/path").asString());
        seen.put("PUT /q/health", given().when().put("/q/health").asString());

        int consolePort = console.address().orElseThrow().getPort();
        seen.put("jolokia list", jolokia(consolePort, "{\"type\":\"list\"}"));
        seen.put("jolokia read camel", jolokia(consolePort, "{\"type\":\"read\",\"mbean\":\"org.apache.camel:*\"}"));
        seen.put("jolokia read java.lang", jolokia(consolePort, "{\"type\":\"read\",\"mbean\":\"java.lang:*\"}"));
        seen.put("jolokia system properties", jolokia(consolePort,
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}"));
        seen.put("jolokia dumpRoutesAsXml", jolokia(consolePort, "{\"type\":\"exec\",\"mbean\":"
                + "\"org.apache.camel:context=pacs-bridge,type=context,name=\\\"pacs-bridge\\\"\","
                + "\"operation\":\"dumpRoutesAsXml()\"}"));
        seen.put("jolokia wrong password", jolokiaAs(consolePort, "operator", "not-" + CONSOLE_PASSWORD,
                "{\"type\":\"version\"}"));

        String log = Files.readString(LOG_FILE, StandardCharsets.UTF_8);
        seen.put("log file", log);

        List<String> leaks = new ArrayList<>();
        seen.forEach((where, text) -> secrets.forEach((key, value) -> {
            if (text.contains(value)) {
                leaks.add(key + " in " + where + ": " + around(text, value));
            }
        }));
        assertEquals(List.of(), leaks);

        // the scan covers what it should: the places looked at hold the traffic and errors caused
        assertTrue(log.contains("Kafka reachable at"), "the log holds the node's Kafka connection");
        assertTrue(log.contains("\"level\":\"DEBUG\"") || log.contains(" DEBUG "), "DEBUG records were logged");
        assertTrue(log.lines().count() > 200, "the whole run was logged: " + log.lines().count() + " lines");
        assertTrue(seen.get("/q/metrics").contains("pacs_mllp_messages_total"), "metrics were read");
        assertTrue(seen.get("/q/health").contains("x-raydar"), "health details were read");
        assertTrue(seen.get("/admin/tcia/sync").contains("lastFailure"), seen.get("/admin/tcia/sync"));
        assertTrue(seen.get("jolokia read camel").contains("dicom"), "Jolokia showed the DICOM endpoints");
        assertTrue(seen.get("jolokia dumpRoutesAsXml").contains("dicom-ingest"), seen.get("jolokia dumpRoutesAsXml"));

    }

    @Test
    void thePropertiesFileHoldsNoSecretValue() throws IOException {
        List<String> set = new ArrayList<>();
        int secretKeys = 0;
        for (String line : Files.readAllLines(Path.of("config/application.properties"), StandardCharsets.UTF_8)) {
            String stripped = line.strip();
            Matcher entry = Pattern.compile("^#?\\s*(%[a-z]+\\.)?([a-z][a-z0-9.\\-\"]*)\\s*=\\s*(.*)$").matcher(stripped);
            if (!entry.matches() || !SECRET_KEY.matcher(entry.group(2)).find()) {
                continue;
            }
            secretKeys++;
            String profile = entry.group(1);
            boolean commented = stripped.startsWith("#");
            String value = entry.group(3).replaceAll("\\s*\\(.*\\)\\s*$", "").strip();
            // %test and %demo hold the test suite's and the simulator's stand-ins, never a site's secret
            boolean standIn = "%test.".equals(profile) || "%demo.".equals(profile);
            if (!commented && !standIn && !value.isEmpty()) {
                set.add(stripped);
            }
        }
        assertTrue(secretKeys >= 10, "the file documents the secret keys (commented out): " + secretKeys);
        assertEquals(List.of(), set, "secret keys with a value outside %test/%demo");
    }

    private String jolokia(int port, String body) throws IOException, InterruptedException {
        return jolokiaAs(port, "operator", CONSOLE_PASSWORD, body);
    }

    private String jolokiaAs(int port, String user, String password, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jolokia"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String around(String text, String value) {
        int at = text.indexOf(value);
        return text.substring(Math.max(0, at - 150), Math.min(text.length(), at + value.length() + 50))
                .replace(value, "<SECRET>");
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }
}
