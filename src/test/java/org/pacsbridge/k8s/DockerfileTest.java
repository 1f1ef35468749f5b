package org.pacsbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JVM image (src/main/docker/Dockerfile.jvm) read as text, without building it (ContainerImageIT builds and
 * runs it): these checks keep it consistent with the project: its user, profile, home, ports and the paths it copies.
 */
class DockerfileTest {

    private static final String QUARKUS_APP = "target/quarkus-app/";
    /** The fast-jar layout Quarkus writes to target/quarkus-app/. */
    private static final Set<String> FAST_JAR_PARTS = Set.of("lib/", "*.jar", "app/", "quarkus/");

    private static Dockerfile image;

    @BeforeAll
    static void load() throws IOException {
        image = Dockerfile.load();
    }

    @Test
    void runsTheProdProfileAsTheNonRootRuntimeUser() {
        assertTrue(image.baseImage().startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime")
                || image.baseImage().startsWith("eclipse-temurin:17-jre"), image.baseImage());
        String user = image.user().orElseThrow(() -> new AssertionError("no USER: the image would run as root"));
        assertEquals("185", user);
        assertEquals("prod", image.environment().get("QUARKUS_PROFILE"));
    }

    @Test
    void startsThroughTheProjectsEntrypointOnAnyBase() {
        List<String> entrypoint = image.entrypoint();
        assertEquals(1, entrypoint.size(), "exec form, the script alone: " + entrypoint);
        assertTrue(image.copies().stream().anyMatch(copy -> copy.sources().equals(List.of("src/main/docker/entrypoint.sh"))
                && copy.destination().equals(entrypoint.get(0))), "the entrypoint is the project's script: " + entrypoint);
        assertTrue(image.argumentDefault("BASE_IMAGE").isPresent(), "BASE_IMAGE chooses the Java 17 base");
    }

    @Test
    void homeHoldsTheRoutesAndTheConfiguration() {
        String home = image.environment().get("PACS_HOME");
        assertEquals(home, image.workdir().orElseThrow());
        List<String> destinations = image.copies().stream().map(Dockerfile.Copy::destination).toList();
        assertTrue(destinations.contains(home + "/routes/"), "routes/ in the home: " + destinations);
        assertTrue(destinations.contains(home + "/config/application.properties"), destinations.toString());
    }

    @Test
    void exposesTheNodesPorts() throws IOException {
        Properties config = new Properties();
        config.load(Files.newBufferedReader(NodeConfiguration.FILE, StandardCharsets.UTF_8));
        for (String key : List.of("pacs.dicom.port", "pacs.mllp.port", "quarkus.http.port")) {
            assertTrue(image.exposedPorts().contains(Integer.parseInt(config.getProperty(key))), key);
        }
        assertTrue(image.exposedPorts().contains(8778), "Jolokia");
    }

    @Test
    void copiesTheFastJarLayoutAndPathsThatExist() throws IOException {
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore"), StandardCharsets.UTF_8);
        for (Dockerfile.Copy copy : image.copies()) {
            for (String source : copy.sources()) {
                if (source.startsWith(QUARKUS_APP)) {
                    String part = source.substring(QUARKUS_APP.length());
                    assertTrue(FAST_JAR_PARTS.contains(part), source + " is part of the fast-jar layout");
                    Path built = Path.of(QUARKUS_APP, part.replace("*.jar", "quarkus-run.jar"));
                    if (Files.isDirectory(Path.of(QUARKUS_APP))) {
                        assertTrue(Files.exists(built), "package wrote " + built);
                    }
                } else {
                    assertTrue(Files.exists(Path.of(source)), source + " exists in the project");
                }
                assertTrue(ignored.stream().anyMatch(line -> line.startsWith("!") && source.startsWith(line.substring(1))),
                        ".dockerignore lets " + source + " into the build context");
            }
        }
        assertFalse(image.copies().isEmpty());
    }

    @Test
    void sizesTheHeapFromTheContainersMemory() {
        double share = image.maxRamPercentage().orElseThrow(() -> new AssertionError("-XX:MaxRAMPercentage"));
        assertTrue(share >= 25 && share <= 75, "heap share " + share + " % leaves room for metaspace and buffers");
    }
}
