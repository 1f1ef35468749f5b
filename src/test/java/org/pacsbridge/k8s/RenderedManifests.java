package org.pacsbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** What one Kustomize directory renders to, read strictly; rendered once per test run. */
final class RenderedManifests {

    static final Path BASE = Path.of("k8s", "base");
    static final Path OVERLAYS = Path.of("k8s", "overlays");

    private static final Map<Path, RenderedManifests> RENDERED = new ConcurrentHashMap<>();

    private final Path directory;
    private final List<HasMetadata> objects;

    private RenderedManifests(Path directory, List<HasMetadata> objects) {
        this.directory = directory;
        this.objects = objects;
    }

    /** The base and every overlay: a new overlay is checked without being named here. */
    static Stream<Path> directories() {
        try (Stream<Path> overlays = Files.list(OVERLAYS)) {
            List<Path> found = overlays.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .sorted()
                    .toList();
            return Stream.concat(Stream.of(BASE), found.stream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the directory; the calling test is skipped (not failed) only when kubectl is missing. */
    static RenderedManifests of(Path directory) {
        Optional<Path> kubectl = Kubectl.find();
        Assumptions.assumeTrue(kubectl.isPresent(),
                "kubectl is not on the PATH, so the Kustomize manifests in k8s/ cannot be rendered and are not checked");
        return RENDERED.computeIfAbsent(directory, dir -> render(kubectl.get(), dir));
    }

    private static RenderedManifests render(Path kubectl, Path directory) {
        try {
            return new RenderedManifests(directory, StrictKubernetesYaml.read(Kubectl.kustomize(kubectl, directory)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Path directory() {
        return directory;
    }

    List<HasMetadata> objects() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        assertEquals(1, found.size(), directory + ": expected exactly one " + type.getSimpleName());
        return found.get(0);
    }

    Optional<ConfigMap> configMap(String name) {
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }

    NodePod nodePod(Dockerfile image) {
        return new NodePod(one(StatefulSet.class), this, image);
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
