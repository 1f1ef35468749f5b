package org.pacsbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.testing.KafkaBrokerResource;

/**
 * The README's run command, on the packaged node: ready within 20 s with its own broker,
 * Ctrl-C (SIGINT) stops the broker too, and the next start is not blocked by anything left behind
 * — also after the node was killed outright.
 */
class DemoRunIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(20);
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    private int httpPort;
    private int kafkaPort;
    private int controllerPort;
    private int mllpPort;
    private Path dataDir;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void ports() throws IOException {
        httpPort = KafkaBrokerResource.freePort();
        kafkaPort = KafkaBrokerResource.freePort();
        controllerPort = KafkaBrokerResource.freePort();
        mllpPort = KafkaBrokerResource.freePort();
        dataDir = tmp.resolve("kafka");
    }

    @AfterEach
    void cleanUp() {
        started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void startsReadyStopsCleanlyAndStartsAgain() throws Exception {
        Process node = startNode(PROJECT, null);
        long startedAt = System.nanoTime();
        awaitReady(node);
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        assertTrue(took.compareTo(READY_WITHIN) <= 0, "ready after " + took.toMillis() + " ms");
        long brokerPid = brokerPid();
        assertTrue(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false));

        interrupt(node);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not stop on SIGINT");
        awaitGone(brokerPid);
        assertFalse(Files.exists(dataDir.resolve("broker.pid")), "pid file left behind");

        Process again = startNode(PROJECT, null);
        awaitReady(again);
        interrupt(again);
        assertTrue(again.waitFor(60, TimeUnit.SECONDS));
    }

    @Test
    void aBrokerLeftByAKilledNodeIsStoppedOnTheNextStart() throws Exception {
        Process node = startNode(PROJECT, null);
        awaitReady(node);
        long orphan = brokerPid();
        node.destroyForcibly().waitFor();
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
                "the broker should outlive a SIGKILLed node for this test to mean anything");

        Process next = startNode(PROJECT, null);
        awaitReady(next);
        awaitGone(orphan);
        interrupt(next);
        assertTrue(next.waitFor(60, TimeUnit.SECONDS));
    }

    @Test
    void startedFromAnotherDirectoryItFindsItsRoutes() throws Exception {
        Process node = startNode(tmp, null);
        awaitReady(node);
        interrupt(node);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS));
    }

    @Test
    void aWrongPacsHomeStopsWithTheLookedAtPath() throws Exception {
        Path missing = tmp.resolve("no-such-home");
        Process node = startNode(tmp, missing.toString());
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, node.exitValue());
        String output = Files.readString(tmp.resolve("node.log"), StandardCharsets.UTF_8);
        assertTrue(output.contains(missing.resolve("routes").toString()), output);
    }

    private Process startNode(Path workingDir, String pacsHome) throws IOException {
        String jar = System.getProperty("pacs.app.jar", PROJECT.resolve("target/quarkus-app/quarkus-run.jar").toString());
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=demo",
                "-Dquarkus.http.port=" + httpPort,
                "-Dpacs.kafka.embedded.port=" + kafkaPort,
                "-Dpacs.kafka.embedded.controller-port=" + controllerPort,
                "-Dpacs.kafka.embedded.data-dir=" + dataDir,
                "-Dpacs.kafka.embedded.lib-dir=" + KafkaBrokerResource.libDir().toAbsolutePath(),
                "-Dpacs.dicom.port=0",
                "-Dpacs.mllp.port=" + mllpPort,
                "-Dpacs.xraydar.simulator.port=0",
                "-Dpacs.console.port=0",
                "-Dpacs.spool.dir=" + tmp.resolve("spool"),
                "-Dpacs.findings.correlation.state-dir=" + tmp.resolve("streams"),
                "-jar", jar)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("node.log").toFile()));
        pb.environment().remove("PACS_HOME");
        if (pacsHome != null) {
            pb.environment().put("PACS_HOME", pacsHome);
        }
        Process process = pb.start();
        started.add(process);
        return process;
    }

    private void awaitReady(Process node) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(node.isAlive(), () -> "node exited: " + log());
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
        throw new AssertionError("not ready within 60 s: " + log());
    }

    private long brokerPid() throws IOException {
        return Long.parseLong(Files.readString(dataDir.resolve("broker.pid")).trim());
    }

    private static void interrupt(Process node) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(node.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("broker process " + pid + " still running");
            }
            Thread.sleep(200);
        }
    }

    private String log() {
        try {
            return Files.readString(tmp.resolve("node.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
