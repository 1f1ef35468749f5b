package org.pacsbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * The objects around the node's pod, for the base and every overlay: rendered with
 * {@code kubectl kustomize}, read strictly as their API types, and wired to the pod and to the
 * node's configured ports and paths.
 */
class KustomizeManifestsTest {

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void rendersTheNodesObjectsAsKubernetesTypes(Path directory) {
        RenderedManifests manifests = RenderedManifests.of(directory);
        Set<String> kinds = manifests.objects().stream().map(HasMetadata::getKind).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("StatefulSet", "Service", "ConfigMap", "PodDisruptionBudget",
                "NetworkPolicy", "ServiceMonitor")), directory + " renders " + kinds);
        manifests.one(StatefulSet.class);
        manifests.one(PodDisruptionBudget.class);
        manifests.one(NetworkPolicy.class);
        manifests.one(ServiceMonitor.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void secretsAreReferencedButNeverCreated(Path directory) {
        RenderedManifests manifests = RenderedManifests.of(directory);
        assertEquals(List.of(), manifests.all(Secret.class).stream().map(s -> s.getMetadata().getName()).toList(),
                directory + ": Secrets hold site credentials and are created by the operator, not by these manifests");
        NodePod pod = manifests.nodePod(image);
        assertFalse(pod.secretEnvironment().isEmpty(), directory + ": the node's credentials come from Secrets");
        for (var ref : pod.secretEnvironment()) {
            var key = ref.getValueFrom().getSecretKeyRef();
            assertTrue(key.getName().startsWith("pacs-bridge-"), ref.getName() + " reads Secret " + key.getName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void servicesReachTheContainerPortsByName(Path directory) {
        RenderedManifests manifests = RenderedManifests.of(directory);
        NodePod pod = manifests.nodePod(image);
        List<Service> services = manifests.all(Service.class);
        for (Service service : services) {
            String name = service.getMetadata().getName();
            assertTrue(pod.isSelectedBy(service.getSpec().getSelector()), directory + ": Service " + name
                    + " selects " + service.getSpec().getSelector() + ", the pods have " + pod.labels());
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort();
                assertNotNull(target.getStrVal(), name + "/" + port.getName() + " targets a named container port");
                assertEquals(port.getName(), target.getStrVal(), name + ": port and target share the name");
                assertEquals(pod.port(target.getStrVal()).getContainerPort(), port.getPort(),
                        name + "/" + port.getName() + " listens on the container's port number");
            }
        }
        Service clients = service(services, "pacs-bridge");
        assertEquals(Set.of("dicom", "mllp", "http"),
                clients.getSpec().getPorts().stream().map(ServicePort::getName).collect(Collectors.toSet()));
        String governing = manifests.one(StatefulSet.class).getSpec().getServiceName();
        Service headless = service(services, governing);
        assertEquals("None", headless.getSpec().getClusterIP(), governing + " is the StatefulSet's headless Service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void disruptionBudgetSelectsTheNodeAndKeepsOneRunning(Path directory) {
        RenderedManifests manifests = RenderedManifests.of(directory);
        NodePod pod = manifests.nodePod(image);
        PodDisruptionBudget budget = manifests.one(PodDisruptionBudget.class);
        assertTrue(pod.isSelectedBy(budget.getSpec().getSelector().getMatchLabels()));
        assertEquals(new IntOrString(1), budget.getSpec().getMaxUnavailable(), "pods leave one at a time");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void networkPolicyOpensOnlyTheNodesPorts(Path directory) {
        RenderedManifests manifests = RenderedManifests.of(directory);
        NodePod pod = manifests.nodePod(image);
        NetworkPolicy policy = manifests.one(NetworkPolicy.class);
        assertTrue(pod.isSelectedBy(policy.getSpec().getPodSelector().getMatchLabels()));
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(policy.getSpec().getPolicyTypes()));

        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            assertFalse(rule.getPorts().isEmpty(), directory + ": every ingress rule names its ports");
            for (NetworkPolicyPort port : rule.getPorts()) {
                assertNotNull(port.getPort().getStrVal(), "ingress names container ports: " + port.getPort());
                pod.port(port.getPort().getStrVal());
            }
        }
        assertTrue(ingressPorts(policy).containsAll(Set.of("dicom", "mllp", "http", "jolokia")),
                "ingress covers " + ingressPorts(policy));
        NetworkPolicyIngressRule console = policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(p -> "jolokia".equals(p.getPort().getStrVal())))
                .findFirst().orElseThrow();
        assertTrue(console.getFrom().stream().allMatch(peer -> peer.getNamespaceSelector() != null
                && !peer.getNamespaceSelector().getMatchLabels().isEmpty()),
                "Jolokia only from labelled monitoring namespaces");

        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            assertFalse(rule.getPorts().isEmpty(), directory + ": every egress rule names its ports");
        }
        assertTrue(egressAllows(policy, 53, "UDP"), "DNS");
        assertTrue(egressAllows(policy, 9092, "TCP"), "Kafka");
        assertTrue(egressAllows(policy, 443, "TCP"), "X-Raydar and TCIA over HTTPS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void serviceMonitorScrapesTheMetricsPathOfEveryPod(Path directory) {
        RenderedManifests manifests = RenderedManifests.of(directory);
        NodePod pod = manifests.nodePod(image);
        ServiceMonitor monitor = manifests.one(ServiceMonitor.class);
        List<Service> scraped = manifests.all(Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet()
                        .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()))
                .toList();
        assertEquals(1, scraped.size(), "the ServiceMonitor selects one Service, so each pod is scraped once");
        Service service = scraped.get(0);
        assertTrue(pod.isSelectedBy(service.getSpec().getSelector()));
        assertEquals(Boolean.TRUE, service.getSpec().getPublishNotReadyAddresses(),
                "a pod that is not ready (Kafka away) is still scraped");
        String metricsPath = config.value("quarkus.micrometer.export.prometheus.path", pod.profile()).orElseThrow();
        for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
            assertEquals(metricsPath, endpoint.getPath());
            assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(endpoint.getPort())));
            assertEquals(port(config, pod, "quarkus.http.port"), pod.port(endpoint.getPort()).getContainerPort());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void everyConfigMapIsUsedByThePod(Path directory) {
        RenderedManifests manifests = RenderedManifests.of(directory);
        NodePod pod = manifests.nodePod(image);
        for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
            String name = configMap.getMetadata().getName();
            boolean mounted = pod.spec().getVolumes().stream()
                    .anyMatch(v -> v.getConfigMap() != null && name.equals(v.getConfigMap().getName()));
            boolean envFrom = pod.container().getEnvFrom().stream()
                    .anyMatch(e -> e.getConfigMapRef() != null && name.equals(e.getConfigMapRef().getName()));
            assertTrue(mounted || envFrom, directory + ": ConfigMap " + name + " is not used by the pod");
        }
    }

    static int port(NodeConfiguration config, NodePod pod, String key) {
        return Integer.parseInt(config.required(key, pod.profile(), pod.literalEnvironment()));
    }

    private static Service service(List<Service> services, String name) {
        return services.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name));
    }

    private static Set<String> ingressPorts(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream()
                .flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getStrVal())
                .collect(Collectors.toSet());
    }

    private static boolean egressAllows(NetworkPolicy policy, int port, String protocol) {
        return policy.getSpec().getEgress().stream()
                .flatMap(rule -> rule.getPorts().stream())
                .anyMatch(p -> protocol.equals(p.getProtocol()) && p.getPort().getIntVal() != null
                        && p.getPort().getIntVal() <= port
                        && port <= (p.getEndPort() != null ? p.getEndPort() : p.getPort().getIntVal()));
    }
}
