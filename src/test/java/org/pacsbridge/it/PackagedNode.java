package org.pacsbridge.it;

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
import java.util.List;

import org.pacsbridge.testing.KafkaBrokerResource;

/**
 * One instance of the packaged node ({@code target/quarkus-app}, or {@code -Dpacs.app.jar}) as its own
 * process, demo profile, on a shared external broker: its own free ports, spool and state directories
 * under {@code root/<name>}, its output appended to {@code root/<name>.log}. Its ports stay the same
 * across restarts, so a restarted instance has the same node id.
 */
final class PackagedNode {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    final String name;
    final int httpPort;
    final int dicomPort;
    final int mllpPort;
    private final Path root;
    private final String bootstrap;
    private final List<String> extraProperties;
    private Process process;

    /** @param extraProperties further {@code -Dkey=value} options */
    PackagedNode(String name, Path root, String bootstrap, String... extraProperties) throws IOException {
        this.name = name;
        this.root = root;
        this.bootstrap = bootstrap;
        this.extraProperties = List.of(extraProperties);
        this.httpPort = KafkaBrokerResource.freePort();
        this.dicomPort = KafkaBrokerResource.freePort();
        this.mllpPort = KafkaBrokerResource.freePort();
    }

    Path dir() {
        return root.resolve(name);
    }

    void start() throws IOException {
        String jar = System.getProperty("pacs.app.jar", PROJECT.resolve("target/quarkus-app/quarkus-run.jar").toString());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=demo",
                "-Dpacs.kafka.embedded.enabled=false",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=" + httpPort,
                "-Dpacs.dicom.port=" + dicomPort,
                "-Dpacs.mllp.port=" + mllpPort,
                "-Dpacs.xraydar.simulator.port=0",
                "-Dpacs.console.port=0",
                "-Dpacs.spool.dir=" + dir().resolve("spool"),
                "-Dpacs.findings.correlation.state-dir=" + dir().resolve("streams")));
        command.addAll(extraProperties);
        command.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(name + ".log").toFile()));
        pb.environment().remove("PACS_HOME");
        process = pb.start();
    }

    void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> name + " exited: " + log());
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
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready within 90 s: " + log());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    String log() {
        try {
            return Files.readString(root.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
