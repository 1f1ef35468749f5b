package org.pacsbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The node's pod as the StatefulSet describes it, seen the way the node will see it: its
 * environment (image ENV, then envFrom ConfigMaps, then env), profile, home and file systems.
 */
final class NodePod {

    static final String CONTAINER = "pacs-bridge";
    /** The profile Quarkus runs a packaged application in when none is set. */
    private static final String DEFAULT_PROFILE = "prod";

    private final StatefulSet statefulSet;
    private final RenderedManifests manifests;
    private final Dockerfile image;

    NodePod(StatefulSet statefulSet, RenderedManifests manifests, Dockerfile image) {
        this.statefulSet = statefulSet;
        this.manifests = manifests;
        this.image = image;
    }

    StatefulSet statefulSet() {
        return statefulSet;
    }

    PodSpec spec() {
        return statefulSet.getSpec().getTemplate().getSpec();
    }

    Map<String, String> labels() {
        return statefulSet.getSpec().getTemplate().getMetadata().getLabels();
    }

    /** Whether a label selector (Service, PDB, NetworkPolicy, affinity) picks the node's pods. */
    boolean isSelectedBy(Map<String, String> selector) {
        return selector != null && !selector.isEmpty() && labels().entrySet().containsAll(selector.entrySet());
    }

    Container container() {
        List<Container> containers = spec().getContainers();
        assertEquals(1, containers.size(), manifests + ": the pod runs the node only");
        assertEquals(CONTAINER, containers.get(0).getName());
        return containers.get(0);
    }

    /** Names the manifests set: env entries and the keys of envFrom ConfigMaps. */
    Set<String> environmentNames() {
        Set<String> names = new TreeSet<>();
        container().getEnv().forEach(env -> names.add(env.getName()));
        envFromConfigMaps().forEach(source -> source.getValue().getData().keySet()
                .forEach(key -> names.add(source.getKey() + key)));
        return names;
    }

    /** Values known before the pod runs (Secrets excluded): image ENV, envFrom ConfigMaps, env values. */
    Map<String, String> literalEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>(image.environment());
        environment.putAll(manifestEnvironment());
        container().getEnv().stream().filter(env -> env.getValue() == null).forEach(env -> environment.remove(env.getName()));
        return environment;
    }

    /**
     * What the manifests give the container on top of the image's ENV, Secrets and field references excluded:
     * envFrom ConfigMaps, then env values.
     */
    Map<String, String> manifestEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        envFromConfigMaps().forEach(source -> source.getValue().getData()
                .forEach((key, value) -> environment.put(source.getKey() + key, value)));
        for (EnvVar env : container().getEnv()) {
            if (env.getValue() != null) {
                environment.put(env.getName(), env.getValue());
            } else {
                environment.remove(env.getName());
            }
        }
        return environment;
    }

    List<EnvVar> secretEnvironment() {
        return container().getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .toList();
    }

    String profile() {
        return literalEnvironment().getOrDefault("QUARKUS_PROFILE", DEFAULT_PROFILE);
    }

    /** The node's home (PACS_HOME): where it reads routes/ and config/ and resolves data/. */
    Path home() {
        String home = literalEnvironment().get(org.pacsbridge.home.NodeHome.ENVIRONMENT);
        if (home == null) {
            throw new AssertionError(manifests + ": PACS_HOME is set neither by the image nor by the manifests");
        }
        return Path.of(home);
    }

    ContainerPort port(String name) {
        return container().getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(manifests + ": no container port named " + name));
    }

    /** The mount a path lives on: the one with the longest mount path that contains it. */
    Optional<VolumeMount> mountHolding(Path path) {
        return container().getVolumeMounts().stream()
                .filter(mount -> path.normalize().startsWith(Path.of(mount.getMountPath())))
                .max((a, b) -> Integer.compare(Path.of(a.getMountPath()).getNameCount(),
                        Path.of(b.getMountPath()).getNameCount()));
    }

    Optional<VolumeMount> mountAt(Path path) {
        return container().getVolumeMounts().stream()
                .filter(mount -> Path.of(mount.getMountPath()).equals(path.normalize()))
                .findFirst();
    }

    Optional<Volume> volume(String name) {
        return spec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
    }

    Optional<PersistentVolumeClaim> claimTemplate(String name) {
        return statefulSet.getSpec().getVolumeClaimTemplates().stream()
                .filter(claim -> claim.getMetadata().getName().equals(name))
                .findFirst();
    }

    /** The envFrom ConfigMaps in order, each with its prefix. */
    private List<Map.Entry<String, ConfigMap>> envFromConfigMaps() {
        List<Map.Entry<String, ConfigMap>> sources = new ArrayList<>();
        for (EnvFromSource source : container().getEnvFrom()) {
            if (source.getConfigMapRef() == null) {
                continue;
            }
            String name = source.getConfigMapRef().getName();
            ConfigMap configMap = manifests.configMap(name)
                    .orElseThrow(() -> new AssertionError(manifests + ": envFrom names ConfigMap " + name
                            + ", which the manifests do not contain"));
            sources.add(Map.entry(source.getPrefix() == null ? "" : source.getPrefix(), configMap));
        }
        return sources;
    }
}
