package org.pacsbridge.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The node's image built from {@code src/main/docker/Dockerfile.jvm} with buildah on a given base, and its
 * containers: started with {@code buildah run} in chroot isolation (no container runtime is needed), on the
 * host's network, as the image's user with the image's own entrypoint.
 */
final class NodeImage {

    static final String BUILD_SCRIPT = "src/main/docker/build-image.sh";

    final String name;
    private final JsonNode config;

    private NodeImage(String name, JsonNode config) {
        this.name = name;
        this.config = config;
    }

    static NodeImage build(String name, String baseImage) throws IOException, InterruptedException {
        Commands.Result built = Commands.run(Map.of("BUILDER", "buildah"), List.of(BUILD_SCRIPT, name,
                "--isolation", "chroot", "--build-arg", "BASE_IMAGE=" + baseImage));
        if (built.exitCode() != 0) {
            throw new AssertionError("image build failed (exit " + built.exitCode() + "): " + Commands.tail(built.output()));
        }
        JsonNode inspected = new ObjectMapper().readTree(Commands.check("buildah", "inspect", "--type", "image", name));
        return new NodeImage(name, inspected.path("OCIv1").path("config"));
    }

    /** Removes the image from the local store: every run builds it anew, and a kept one would pile up. */
    void remove() throws IOException, InterruptedException {
        Commands.run("buildah", "rmi", "--force", name);
    }

    String user() {
        return config.path("User").asText();
    }

    List<String> entrypoint() {
        List<String> words = new ArrayList<>();
        config.path("Entrypoint").forEach(word -> words.add(word.asText()));
        return words;
    }

    /** The image's size as the local store reports it. */
    String size() throws IOException, InterruptedException {
        return Commands.check("buildah", "images", "--format", "{{.Size}}", name).strip();
    }

    /** Runs a command in a new container of the image as the image's user, to its end. */
    Commands.Result runAsUser(String... command) throws IOException, InterruptedException {
        String container = Commands.check("buildah", "from", "--pull-never", name).strip();
        try {
            List<String> run = new ArrayList<>(List.of("buildah", "run", "--isolation", "chroot", "--user", user(),
                    container, "--"));
            run.addAll(List.of(command));
            return Commands.run(Map.of(), run);
        } finally {
            Commands.run("buildah", "rm", container);
        }
    }

    /** A container of the image running its entrypoint as the image's user; output to {@code log}. */
    Container start(Map<String, String> environment, List<String> volumes, Path log)
            throws IOException, InterruptedException {
        String container = Commands.check("buildah", "from", "--pull-never", name).strip();
        List<String> command = new ArrayList<>(List.of("buildah", "run", "--isolation", "chroot", "--user", user()));
        environment.forEach((key, value) -> command.addAll(List.of("--env", key + "=" + value)));
        volumes.forEach(volume -> command.addAll(List.of("--volume", volume)));
        command.add(container);
        command.add("--");
        command.addAll(entrypoint());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return new Container(container, process, log);
    }

    /** One running container; closing it ends its processes and removes it. */
    record Container(String id, Process process, Path log) implements AutoCloseable {

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException, InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            Commands.run("buildah", "rm", id);
        }
    }
}
