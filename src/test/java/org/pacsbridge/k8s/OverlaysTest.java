package org.pacsbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.PodAffinityTerm;

/** What sets the overlays apart: the dev overlay is one small demo-profile node, prod is two or more. */
class OverlaysTest {

    private static final Path DEV = RenderedManifests.OVERLAYS.resolve("dev");
    private static final Path PROD = RenderedManifests.OVERLAYS.resolve("prod");

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
    void kafkaIsAlwaysAnExternalCluster(Path directory) {
        NodePod pod = RenderedManifests.of(directory).nodePod(image);
        assertEquals("false", config.required("pacs.kafka.embedded.enabled", pod.profile(), pod.literalEnvironment()),
                directory + ": the image holds no broker, and a broker in the pod would lose its data with it");
        assertNotNull(pod.literalEnvironment().get("KAFKA_BOOTSTRAP_SERVERS"), "the cluster is named");
    }

    @Test
    void devRunsOneDemoNodeWithTheSimulator() {
        NodePod pod = RenderedManifests.of(DEV).nodePod(image);
        assertEquals(1, pod.statefulSet().getSpec().getReplicas());
        assertEquals("demo", pod.profile());
        assertEquals("true", config.required("pacs.xraydar.simulator.enabled", pod.profile(), pod.literalEnvironment()),
                "no image or report leaves the cluster for X-Raydar from a dev node");
    }

    @Test
    void prodRunsTwoOrMoreProdNodesOnDifferentHosts() {
        NodePod pod = RenderedManifests.of(PROD).nodePod(image);
        assertTrue(pod.statefulSet().getSpec().getReplicas() >= 2);
        assertEquals("prod", pod.profile());
        var antiAffinity = pod.spec().getAffinity().getPodAntiAffinity();
        assertNotNull(antiAffinity, "replicas are kept apart");
        PodAffinityTerm term = antiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution().get(0);
        assertEquals("kubernetes.io/hostname", term.getTopologyKey());
        assertTrue(pod.isSelectedBy(term.getLabelSelector().getMatchLabels()), "the anti-affinity selects the node's pods");
        assertEquals("false", config.required("pacs.xraydar.simulator.enabled", pod.profile(), pod.literalEnvironment()));
    }
}
