package org.pacsbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.SecureKafkaBroker;
import org.pacsbridge.testing.TopicReader;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * The image of {@code src/main/docker/Dockerfile.jvm}, built with buildah on a Debian Java 17 base made here
 * ({@link DebianJavaBase}) and run with its own entrypoint as its user, in the environment the rendered
 * {@code k8s/overlays/prod} manifests give the pod: a chest X-ray stored with storescu comes out as a findings
 * event on the SASL_SSL test broker. Only what a site or this machine must supply is added: the broker's
 * address and credentials, the Secrets' values, the X-Raydar test double's address, free ports (the host's
 * network is shared) and a replication minimum of 1 (one broker).
 */
class ContainerImageIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final Path PROD = RenderedManifests.OVERLAYS.resolve("prod");
    private static final String IMAGE = "localhost/pacs-bridge:container-image-it";

    private static NodeImage image;
    private static XraydarSimulator xraydar;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildImage() throws Exception {
        // not skipped when a tool is missing: .ci/run installs them, and a skipped check never runs
        for (String tool : List.of("buildah", "podman", "debootstrap")) {
            assertTrue(Dcmtk.onPath(tool), tool + " is not installed (apt-get install buildah podman debootstrap)");
        }
        assertTrue(Kubectl.find().isPresent(), "kubectl is not on the PATH: the prod manifests cannot be rendered");
        assertTrue(Dcmtk.available(), "dcmtk is not installed");
        String base = DebianJavaBase.image();
        image = NodeImage.build(IMAGE, base);
        xraydar = new XraydarSimulator("127.0.0.1", 0).start();
    }

    @AfterAll
    static void stopDoubleAndRemoveImage() throws Exception {
        if (xraydar != null) {
            xraydar.close();
        }
        if (image != null) {
            image.remove();
        }
    }

    @Test
    void theImageRunsAsTheProdPodAndTurnsAStoredChestXrayIntoAFindingsEvent() throws Exception {
        assertEquals("185", image.user());
        SecureKafkaBroker broker = SecureKafkaBroker.get("SASL_SSL");
        NodePorts ports = NodePorts.free();
        Map<String, String> environment = podEnvironment(broker, ports);
        List<String> volumes = podVolumes(broker);

        long started = System.nanoTime();
        try (NodeImage.Container node = image.start(environment, volumes, tmp.resolve("node.log"))) {
            awaitReady(node, ports.http());
            double readySeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("ContainerImageIT: image %s, %s; ready %.1f s after buildah run%n",
                    IMAGE, image.size(), readySeconds);

            String sop = DicomFiles.newUid();
            Path xray = DicomFiles.image(Files.createDirectories(tmp.resolve("images")), DicomFiles.DX_CHEST, sop,
                    "IMG" + Long.toString(System.nanoTime(), 36).toUpperCase(), 512, 512, 16);
            Dcmtk.Result stored = Dcmtk.storescu("PACSBRIDGE", ports.dicom(), List.of("-v"), xray);
            assertEquals(0, stored.exitCode(), stored.output() + stored.errorOutput());

            List<ConsumerRecord<String, String>> read = TopicReader.readUntil(broker.clientProperties(),
                    "pacs.findings.cv", record -> sop.equals(TopicReader.header(record, "pacs.correlation-id")),
                    Duration.ofSeconds(90));
            ConsumerRecord<String, String> event = read.stream()
                    .filter(record -> sop.equals(TopicReader.header(record, "pacs.correlation-id")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no findings event for " + sop + ": " + tail(node)));
            JsonNode findings = new ObjectMapper().readTree(event.value());
            assertEquals(sop, findings.path("image").path("sopInstanceUid").asText());
            assertEquals(xraydar.baseUrl() + XraydarSimulator.CV_PATH, findings.path("engine").path("baseUrl").asText(),
                    "the findings came from the X-Raydar the environment names: " + event.value());
            assertFalse(findings.path("findings").isEmpty(), event.value());
            assertTrue(xraydar.received().stream().anyMatch(XraydarSimulator.ReceivedFile::keyPresent),
                    "the node called X-Raydar with the API key from the Secret");
            assertTrue(node.process().isAlive(), "the node still runs");
        }
    }

    @Test
    void theRuntimeUserCanWriteOnlyTheDataDirectoryOfTheHome() throws Exception {
        Commands.Result writable = image.runAsUser("find", "/deployments", "-writable");
        assertEquals(0, writable.exitCode(), writable.output());
        assertEquals(List.of("/deployments/data"), writable.output().lines().toList());
    }

    @Test
    void aSpoolVolumeTheUserCannotWriteStopsTheNodeNamingThePath() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("root-owned-data"));
        Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwxr-xr-x"));
        NodePorts ports = NodePorts.free();
        Map<String, String> environment = podEnvironment(SecureKafkaBroker.get("SASL_SSL"), ports);
        try (NodeImage.Container node = image.start(environment, List.of(volume + ":/deployments/data"),
                tmp.resolve("unwritable.log"))) {
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "the node stops: " + tail(node));
            assertNotEquals(0, node.process().exitValue());
            String output = node.output();
            assertTrue(output.contains("PACS Bridge cannot start: /deployments/data is not a directory that user 185"
                    + " can write"), output);
            assertNoStackTrace(output);
        }
    }

    @Test
    void withoutKafkaBootstrapServersTheProdNodeStopsWithTheDocumentedMessage() throws Exception {
        NodePorts ports = NodePorts.free();
        Map<String, String> environment = podEnvironment(SecureKafkaBroker.get("SASL_SSL"), ports);
        environment.remove("KAFKA_BOOTSTRAP_SERVERS");
        try (NodeImage.Container node = image.start(environment, List.of(), tmp.resolve("no-kafka.log"))) {
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS), "the node stops: " + tail(node));
            assertNotEquals(0, node.process().exitValue());
            String output = node.output();
            assertTrue(output.contains("Failed to load config value of type class java.lang.String for:"
                    + " kafka.bootstrap.servers"), output);
            assertNoStackTrace(output);
        }
    }

    @Test
    void buildingWithoutThePackagedApplicationSaysToPackageFirst() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("unpackaged"));
        Path script = project.resolve(NodeImage.BUILD_SCRIPT);
        Files.createDirectories(script.getParent());
        Files.copy(Path.of(NodeImage.BUILD_SCRIPT), script);
        Process build = new ProcessBuilder(script.toString(), "pacs-bridge:unpackaged").directory(project.toFile())
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, build.exitValue(), output);
        assertTrue(output.contains("target/quarkus-app/quarkus-run.jar is missing") && output.contains(
                "package the application first (./mvnw -B package -DskipTests)"), output);
    }

    /**
     * The prod pod's environment: the manifests' values, then what the operator's Secrets and the site would
     * supply, then this machine's ports.
     */
    private static Map<String, String> podEnvironment(SecureKafkaBroker broker, NodePorts ports) {
        NodePod pod = RenderedManifests.of(PROD).nodePod(dockerfile());
        Map<String, String> environment = new LinkedHashMap<>(pod.manifestEnvironment());
        assertEquals("SASL_SSL", environment.get("PACS_KAFKA_SECURITY_PROTOCOL"), "the prod overlay's Kafka");
        assertEquals(broker.protocol, environment.get("PACS_KAFKA_SECURITY_PROTOCOL"));
        assertEquals(SecureKafkaBroker.USER, environment.get("PACS_KAFKA_SASL_USERNAME"));
        // the site's cluster: here the test broker
        environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers);
        environment.put("PACS_KAFKA_MIN_REPLICATION_FACTOR", "1");
        environment.put("PACS_KAFKA_MIN_INSYNC_REPLICAS", "1");
        // the Secrets the pod reads; every required one has a value here
        Map<String, String> secrets = Map.of(
                "PACS_XRAYDAR_API_KEY", "IMAGETESTKEY0000",
                "PACS_KAFKA_SASL_PASSWORD", broker.password,
                "PACS_KAFKA_SSL_TRUSTSTORE_PASSWORD", broker.trustStorePassword,
                "PACS_ADMIN_PASSWORD", "image-test-admin-password");
        Set<String> required = pod.secretEnvironment().stream()
                .filter(env -> !Boolean.TRUE.equals(env.getValueFrom().getSecretKeyRef().getOptional()))
                .map(EnvVar::getName).collect(Collectors.toSet());
        assertTrue(secrets.keySet().containsAll(required), "required Secrets " + required);
        environment.putAll(secrets);
        // metadata.name of the first replica
        pod.container().getEnv().stream().filter(env -> env.getValueFrom() != null
                && env.getValueFrom().getFieldRef() != null).forEach(env -> environment.put(env.getName(),
                        "pacs-bridge-0"));
        // X-Raydar: the test double on this machine
        environment.put("PACS_XRAYDAR_CV_URL", xraydar.baseUrl() + XraydarSimulator.CV_PATH);
        environment.put("PACS_XRAYDAR_NLP_URL", xraydar.baseUrl() + XraydarSimulator.NLP_PATH);
        // the host's network is shared with whatever else runs here
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(ports.http()));
        environment.put("PACS_DICOM_PORT", Integer.toString(ports.dicom()));
        environment.put("PACS_MLLP_PORT", Integer.toString(ports.mllp()));
        environment.put("PACS_CONSOLE_PORT", Integer.toString(ports.console()));
        return environment;
    }

    /**
     * The pod's read-only mounts with what the cluster would put there: config/ from the rendered ConfigMap, the
     * Kafka trust store from its Secret. data/ stays the image's own directory, which the user must be able to write.
     */
    private List<String> podVolumes(SecureKafkaBroker broker) throws IOException {
        NodePod pod = RenderedManifests.of(PROD).nodePod(dockerfile());
        Path config = Files.createDirectories(tmp.resolve("config"));
        ConfigMap configMap = pod.volume("config").map(v -> v.getConfigMap().getName())
                .flatMap(name -> RenderedManifests.of(PROD).configMap(name))
                .orElseThrow(() -> new AssertionError("the config volume's ConfigMap"));
        for (Map.Entry<String, String> file : configMap.getData().entrySet()) {
            Files.writeString(config.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        Path trustStoreLocation = Path.of(pod.manifestEnvironment().get("PACS_KAFKA_SSL_TRUSTSTORE_LOCATION"));
        VolumeMount trustMount = pod.mountHolding(trustStoreLocation)
                .orElseThrow(() -> new AssertionError("no mount holds " + trustStoreLocation));
        Path trust = Files.createDirectories(tmp.resolve("kafka-trust"));
        Files.copy(broker.trustStore, trust.resolve(trustStoreLocation.getFileName()));
        VolumeMount configMount = pod.mountAt(Path.of("/deployments/config"))
                .orElseThrow(() -> new AssertionError("config/ is not mounted"));
        assertFalse(pod.mountAt(Path.of("/deployments/data")).isEmpty(), "data/ is a volume in the pod");
        return List.of(config + ":" + configMount.getMountPath() + ":ro",
                trust + ":" + trustMount.getMountPath() + ":ro");
    }

    private static Dockerfile dockerfile() {
        try {
            return Dockerfile.load();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(NodeImage.Container node, int httpPort) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(node.process().isAlive(), () -> "the container exited: " + tail(node));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + httpPort + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within " + READY_WITHIN.toSeconds() + " s: " + tail(node));
    }

    private static void assertNoStackTrace(String output) {
        assertFalse(output.lines().anyMatch(line -> line.strip().startsWith("at ") || line.contains("\"stackTrace\"")
                || line.contains("Exception:")), "no stack trace: " + output);
    }

    private static String tail(NodeImage.Container node) {
        try {
            return Commands.tail(node.output());
        } catch (IOException e) {
            return "(no output)";
        }
    }

    /** Free ports for one node on the shared host network. */
    private record NodePorts(int http, int dicom, int mllp, int console) {
        static NodePorts free() throws IOException {
            return new NodePorts(FreePorts.claim(), FreePorts.claim(),
                    FreePorts.claim(), FreePorts.claim());
        }
    }
}
