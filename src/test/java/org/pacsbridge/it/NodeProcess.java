package org.pacsbridge.it;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.KafkaBrokerResource;

/**
 * One instance of the packaged node ({@code target/quarkus-app}, or {@code -Dpacs.app.jar}) as its own
 * process, demo profile, either on an external broker or with the demo's own broker: its own free ports, spool
 * and state directories under {@code root/<name>}, its output appended to {@code root/<name>.log}. Its ports
 * stay the same across restarts, so a restarted instance has the same node id.
 */
final class NodeProcess {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    final String name;
    final int httpPort;
    final int dicomPort;
    final int mllpPort;
    private final Path root;
    private final List<String> properties;
    private final List<Process> started = new ArrayList<>();
    private Process process;

    private NodeProcess(String name, Path root, List<String> kafkaProperties, String... extraProperties)
            throws IOException {
        this.name = name;
        this.root = root;
        this.httpPort = FreePorts.claim();
        this.dicomPort = FreePorts.claim();
        this.mllpPort = FreePorts.claim();
        List<String> all = new ArrayList<>(kafkaProperties);
        all.addAll(List.of(extraProperties));
        this.properties = List.copyOf(all);
    }

    /** A node on a broker started by the test; {@code extraProperties} are further {@code -Dkey=value} options. */
    static NodeProcess onBroker(String name, Path root, String bootstrap, String... extraProperties)
            throws IOException {
        return new NodeProcess(name, root, List.of("-Dpacs.kafka.embedded.enabled=false",
                "-Dkafka.bootstrap.servers=" + bootstrap), extraProperties);
    }

    /** A node that starts the demo's own broker (as the README's run command does), its data in {@code dataDir}. */
    static NodeProcess withOwnBroker(String name, Path root, Path dataDir) throws IOException {
        return new NodeProcess(name, root, List.of(
                "-Dpacs.kafka.embedded.port=" + FreePorts.claim(),
                "-Dpacs.kafka.embedded.controller-port=" + FreePorts.claim(),
                "-Dpacs.kafka.embedded.data-dir=" + dataDir,
                "-Dpacs.kafka.embedded.lib-dir=" + KafkaBrokerResource.libDir().toAbsolutePath()));
    }

    Path dir() {
        return root.resolve(name);
    }

    /** Starts the node in the project directory, without PACS_HOME. */
    void start() throws IOException {
        start(PROJECT, null);
    }

    /** Starts the node in {@code workingDir}, with PACS_HOME set to {@code pacsHome} unless that is null. */
    void start(Path workingDir, String pacsHome) throws IOException {
        String jar = System.getProperty("pacs.app.jar", PROJECT.resolve("target/quarkus-app/quarkus-run.jar").toString());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=demo",
                "-Dquarkus.http.port=" + httpPort,
                "-Dpacs.dicom.port=" + dicomPort,
                "-Dpacs.mllp.port=" + mllpPort,
                "-Dpacs.xraydar.simulator.port=0",
                "-Dpacs.console.port=0",
                "-Dpacs.spool.dir=" + dir().resolve("spool"),
                "-Dpacs.findings.correlation.state-dir=" + dir().resolve("streams")));
        command.addAll(properties);
        command.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(name + ".log").toFile()));
        pb.environment().remove("PACS_HOME");
        if (pacsHome != null) {
            pb.environment().put("PACS_HOME", pacsHome);
        }
        process = pb.start();
        started.add(process);
    }

    void awaitReady() throws Exception {
        awaitReady(READY_WITHIN);
    }

    /** Waits until {@code /q/health/ready} answers 200; fails at once if the node exits. */
    void awaitReady(Duration within) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> name + " exited: " + logTail());
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
        throw new AssertionError(name + " not ready within " + within.toSeconds() + " s: " + logTail());
    }

    /** Sends the signal (TERM, INT, KILL...) with kill(1), as an operator or Kubernetes would. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    /** Whether the node exited within the time. */
    boolean waitFor(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Kills every process this instance started, and their children. */
    void stop() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    String log() {
        try {
            return Files.readString(root.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String logTail() {
        String log = log();
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }
}
