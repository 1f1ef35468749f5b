package org.pacsbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * The node's pod against what the node is: its ports, health paths, settings, home directory,
 * spool, shutdown time and the image it runs — for the base and every overlay.
 */
class NodePodTest {

    /** Set by the runtime, not by config/application.properties. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("QUARKUS_PROFILE", org.pacsbridge.home.NodeHome.ENVIRONMENT);
    /**
     * Announced settings of features still being built (TCIA sync); config/application.properties
     * will document them, after which this list goes.
     */
    private static final Set<String> OPTIONAL_SECRETS = Set.of("pacs-bridge-tcia", "pacs-bridge-kafka",
            "pacs-bridge-console", "pacs-bridge-admin");
    /** The benchmarks (bench/results/) ran the node with -Xmx256m; large DICOM objects used ~32 MB of it. */
    private static final long BENCHMARK_HEAP_BYTES = 256L * 1024 * 1024;
    private static final int RUNTIME_USER = 185;

    private static NodeConfiguration config;
    private static Dockerfile image;

    @BeforeAll
    static void load() throws IOException {
        config = NodeConfiguration.load();
        image = Dockerfile.load();
    }

    static Stream<Path> directories() {
        return RenderedManifests.directories();
    }

    private static NodePod pod(Path directory) {
        return RenderedManifests.of(directory).nodePod(image);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void containerPortsAreTheNodesConfiguredPorts(Path directory) {
        NodePod pod = pod(directory);
        assertEquals(KustomizeManifestsTest.port(config, pod, "pacs.dicom.port"), pod.port("dicom").getContainerPort());
        assertEquals(KustomizeManifestsTest.port(config, pod, "pacs.mllp.port"), pod.port("mllp").getContainerPort());
        assertEquals(KustomizeManifestsTest.port(config, pod, "quarkus.http.port"), pod.port("http").getContainerPort());
        assertEquals(KustomizeManifestsTest.port(config, pod, "pacs.console.port"), pod.port("jolokia").getContainerPort(),
                "Hawtio looks for a port named jolokia");
        pod.container().getPorts().forEach(port -> assertTrue(image.exposedPorts().contains(port.getContainerPort()),
                "the image EXPOSEs " + port.getName() + " " + port.getContainerPort()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void consolePortListensOnThePodAddressWithAPassword(Path directory) {
        NodePod pod = pod(directory);
        Map<String, String> environment = pod.literalEnvironment();
        assertEquals("0.0.0.0", config.required("pacs.console.host", pod.profile(), environment),
                "Hawtio Online reaches the jolokia port on the pod's address");
        assertEquals("true", config.required("pacs.console.authentication", pod.profile(), environment),
                directory + ": profile " + pod.profile() + " must not open the console without authentication");
        var password = pod.secretEnvironment().stream()
                .filter(env -> env.getName().equals(NodeConfiguration.environmentName("pacs.console.password")))
                .findFirst().orElseThrow(() -> new AssertionError("PACS_CONSOLE_PASSWORD comes from a Secret"));
        assertEquals("pacs-bridge-console", password.getValueFrom().getSecretKeyRef().getName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void probesAskTheQuarkusHealthEndpointsOnTheHttpPort(Path directory) {
        NodePod pod = pod(directory);
        Container container = pod.container();
        String root = config.value("quarkus.smallrye-health.root-path", pod.profile()).orElse("/q/health");
        assertProbe(pod, container.getStartupProbe(), root + "/started");
        assertProbe(pod, container.getLivenessProbe(), root + "/live");
        assertProbe(pod, container.getReadinessProbe(), root + "/ready");

        double kafkaCheck = NodeConfiguration.seconds(
                config.required("pacs.kafka.health-timeout", pod.profile(), pod.literalEnvironment()));
        assertTrue(container.getReadinessProbe().getTimeoutSeconds() > kafkaCheck,
                "the readiness probe waits longer than the Kafka check inside it (" + kafkaCheck + " s)");
        Probe startup = container.getStartupProbe();
        assertTrue(startup.getPeriodSeconds() * startup.getFailureThreshold() >= 60,
                "a slow start (first volume attach, cold JVM) is not killed");
    }

    private static void assertProbe(NodePod pod, Probe probe, String path) {
        assertNotNull(probe, "probe for " + path);
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, path + " is probed over HTTP");
        assertEquals(path, get.getPath());
        String port = get.getPort().getStrVal() != null ? get.getPort().getStrVal() : null;
        int number = port != null ? pod.port(port).getContainerPort() : get.getPort().getIntVal();
        assertEquals(KustomizeManifestsTest.port(config, pod, "quarkus.http.port"), number, path + " on the HTTP port");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void everyVariableSetsASettingTheNodeKnows(Path directory) {
        NodePod pod = pod(directory);
        Set<String> unknown = new TreeSet<>();
        for (String name : pod.environmentNames()) {
            if (!RUNTIME_VARIABLES.contains(name) && !config.knowsEnvironmentVariable(name)) {
                unknown.add(name);
            }
        }
        assertEquals(Set.of(), unknown, directory + ": variables that match no key of " + NodeConfiguration.FILE);
        Map<String, String> environment = pod.literalEnvironment();
        for (String placeholder : config.placeholders(pod.profile())) {
            assertTrue(environment.containsKey(placeholder) || pod.environmentNames().contains(placeholder),
                    directory + ": profile " + pod.profile() + " reads ${" + placeholder + "}, which is not set");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void eachReplicaTakesItsNodeIdFromItsPodName(Path directory) {
        NodePod pod = pod(directory);
        String variable = NodeConfiguration.environmentName("pacs.node.id");
        var nodeId = pod.container().getEnv().stream().filter(env -> env.getName().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError(directory + ": " + variable + " is not set, so replicas"
                        + " on hosts of one name would share a transactional id"));
        assertTrue(nodeId.getValueFrom() != null && nodeId.getValueFrom().getFieldRef() != null,
                directory + ": " + variable + " comes from the downward API");
        assertEquals("metadata.name", nodeId.getValueFrom().getFieldRef().getFieldPath(),
                directory + ": the pod name, stable across restarts of one replica and unique among replicas");
        assertFalse(pod.literalEnvironment().containsKey(variable), directory + ": no overlay fixes it to one value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void optionalCredentialsAreOptionalSecretKeys(Path directory) {
        NodePod pod = pod(directory);
        for (var env : pod.secretEnvironment()) {
            var ref = env.getValueFrom().getSecretKeyRef();
            if (OPTIONAL_SECRETS.contains(ref.getName())) {
                assertEquals(Boolean.TRUE, ref.getOptional(), env.getName() + " from " + ref.getName() + " is optional");
            }
        }
        var xraydarKey = pod.secretEnvironment().stream()
                .filter(env -> env.getName().equals(NodeConfiguration.environmentName("pacs.xraydar.api-key")))
                .findFirst().orElseThrow(() -> new AssertionError("PACS_XRAYDAR_API_KEY comes from a Secret"));
        boolean simulated = Boolean.parseBoolean(
                config.required("pacs.xraydar.simulator.enabled", pod.profile(), pod.literalEnvironment()));
        assertEquals(simulated, Boolean.TRUE.equals(xraydarKey.getValueFrom().getSecretKeyRef().getOptional()),
                "the X-Raydar key is required exactly when the real service is called");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void configMapIsTheNodesConfigurationMountedInItsHome(Path directory) {
        RenderedManifests manifests = RenderedManifests.of(directory);
        NodePod pod = manifests.nodePod(image);
        assertEquals(Path.of(image.environment().get("PACS_HOME")), pod.home(), "the image and the pod agree on the home");
        VolumeMount mount = pod.mountAt(pod.home().resolve("config"))
                .orElseThrow(() -> new AssertionError(directory + ": nothing mounted at " + pod.home().resolve("config")));
        Volume volume = pod.volume(mount.getName()).orElseThrow();
        assertNotNull(volume.getConfigMap(), mount.getMountPath() + " is a ConfigMap");
        assertEquals(null, mount.getSubPath(), "a directory mount follows ConfigMap updates");
        ConfigMap configMap = manifests.configMap(volume.getConfigMap().getName()).orElseThrow();
        assertEquals(Map.of("application.properties", config.text()), configMap.getData(),
                "the ConfigMap holds " + NodeConfiguration.FILE + " unchanged");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void spoolLivesOnThePodsVolumeClaim(Path directory) {
        NodePod pod = pod(directory);
        String spoolDir = config.required("pacs.spool.dir", pod.profile(), pod.literalEnvironment());
        Path spool = pod.home().resolve(spoolDir).normalize();
        VolumeMount mount = pod.mountHolding(spool)
                .orElseThrow(() -> new AssertionError(directory + ": " + spool + " is on the read-only root file system"));
        PersistentVolumeClaim claim = pod.claimTemplate(mount.getName()).orElseThrow(() -> new AssertionError(
                directory + ": " + spool + " is on volume " + mount.getName() + ", not on a volumeClaimTemplate"));
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes(), "one spool per pod");
        BigDecimal size = Quantity.getAmountInBytes(claim.getSpec().getResources().getRequests().get("storage"));
        BigDecimal watermark = new BigDecimal(
                config.required("pacs.spool.min-free-space", pod.profile(), pod.literalEnvironment()));
        assertTrue(size.compareTo(watermark.multiply(BigDecimal.valueOf(4))) >= 0,
                "the claim (" + size + " bytes) is well above the spool's free-space watermark (" + watermark + ")");
        var retention = pod.statefulSet().getSpec().getPersistentVolumeClaimRetentionPolicy();
        assertEquals("Retain", retention.getWhenScaled(), "scaling down keeps unprocessed objects");
        assertEquals("Retain", retention.getWhenDeleted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void kafkaTrustStoreIsOnItsSecretVolume(Path directory) {
        NodePod pod = pod(directory);
        String location = pod.literalEnvironment()
                .get(NodeConfiguration.environmentName("pacs.kafka.ssl.truststore-location"));
        Volume volume = pod.volume("kafka-truststore").orElseThrow();
        assertEquals("pacs-bridge-kafka", volume.getSecret().getSecretName());
        assertEquals(Boolean.TRUE, volume.getSecret().getOptional(), "PLAINTEXT clusters need no trust store");
        if (location != null) {
            VolumeMount mount = pod.mountHolding(Path.of(location)).orElseThrow();
            assertEquals("kafka-truststore", mount.getName(), location + " is on the trust store's Secret volume");
            String file = Path.of(mount.getMountPath()).relativize(Path.of(location)).toString();
            assertTrue(volume.getSecret().getItems().stream().anyMatch(item -> item.getPath().equals(file)),
                    "the Secret volume projects " + file);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void kafkaPasswordsComeFromTheKafkaSecretOnly(Path directory) {
        NodePod pod = pod(directory);
        for (String key : List.of("pacs.kafka.sasl.password", "pacs.kafka.ssl.truststore-password",
                "pacs.kafka.ssl.keystore-password")) {
            String name = NodeConfiguration.environmentName(key);
            var variable = pod.container().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " is wired"));
            assertEquals("pacs-bridge-kafka", variable.getValueFrom().getSecretKeyRef().getName(), name);
            assertEquals(Boolean.TRUE, variable.getValueFrom().getSecretKeyRef().getOptional(),
                    name + ": PLAINTEXT clusters need no password");
        }
        assertTrue(pod.literalEnvironment().keySet().stream().noneMatch(n -> n.contains("PASSWORD")),
                "no password is a literal: " + pod.literalEnvironment().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void runsAsNonRootOnAReadOnlyRootFileSystem(Path directory) {
        NodePod pod = pod(directory);
        PodSecurityContext podContext = pod.spec().getSecurityContext();
        SecurityContext context = pod.container().getSecurityContext();
        assertEquals(Boolean.TRUE, podContext.getRunAsNonRoot());
        assertEquals(RUNTIME_USER, podContext.getRunAsUser());
        assertEquals(String.valueOf(RUNTIME_USER), image.user().orElseThrow(), "the image's user is the pod's");
        assertEquals("RuntimeDefault", podContext.getSeccompProfile().getType());
        assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), context.getCapabilities().getDrop());
        assertEquals(Boolean.FALSE, pod.spec().getAutomountServiceAccountToken(), "the node never calls the API server");
        VolumeMount tmp = pod.mountAt(Path.of("/tmp")).orElseThrow(() -> new AssertionError("/tmp is writable"));
        assertNotNull(pod.volume(tmp.getName()).orElseThrow().getEmptyDir(), "/tmp is an emptyDir");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void resourcesGiveTheHeapTheBenchmarkedSize(Path directory) {
        NodePod pod = pod(directory);
        var resources = pod.container().getResources();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = resources.getRequests().get(resource);
            Quantity limit = resources.getLimits().get(resource);
            assertNotNull(request, resource + " request");
            assertNotNull(limit, resource + " limit");
            assertTrue(Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) <= 0,
                    resource + " request within its limit");
        }
        double heapShare = image.maxRamPercentage()
                .orElseThrow(() -> new AssertionError("the image sizes the heap with -XX:MaxRAMPercentage")) / 100;
        BigDecimal heap = Quantity.getAmountInBytes(resources.getLimits().get("memory"))
                .multiply(BigDecimal.valueOf(heapShare));
        assertTrue(heap.compareTo(BigDecimal.valueOf(BENCHMARK_HEAP_BYTES)) >= 0,
                directory + ": heap ceiling " + heap + " bytes is below the benchmarks' -Xmx256m");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void shutdownHasTimeToDrain(Path directory) {
        NodePod pod = pod(directory);
        double camelShutdown = NodeConfiguration.seconds(
                config.required("camel.main.shutdown-timeout", pod.profile(), pod.literalEnvironment()));
        double preStop = preStopSleepSeconds(pod.container());
        long grace = pod.spec().getTerminationGracePeriodSeconds();
        assertTrue(grace >= preStop + camelShutdown + 10, "terminationGracePeriodSeconds " + grace
                + " covers the preStop pause (" + preStop + " s), Camel's shutdown (" + camelShutdown
                + " s) and closing the Kafka clients");
        assertEquals("OrderedReady", pod.statefulSet().getSpec().getPodManagementPolicy());
        assertEquals("RollingUpdate", pod.statefulSet().getSpec().getUpdateStrategy().getType());
    }

    private static double preStopSleepSeconds(Container container) {
        if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
            return 0;
        }
        var preStop = container.getLifecycle().getPreStop();
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds();
        }
        List<String> command = preStop.getExec().getCommand();
        assertFalse(command.isEmpty());
        assertEquals("sleep", command.get(0), "preStop only pauses");
        return Double.parseDouble(command.get(1));
    }
}
