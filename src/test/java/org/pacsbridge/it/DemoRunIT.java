package org.pacsbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The README's run command, on the packaged node: ready within 30 s with its own broker,
 * Ctrl-C (SIGINT) stops the broker too, and the next start (from another working directory) is not
 * blocked by anything left behind — also after the node was killed outright. Isolated: the other
 * integration tests run two at a time, and their nodes' starts would be timed with this one's.
 */
@Isolated
class DemoRunIT {

    /**
     * A guard against a start-up regression, not the start-up figure (bench/startup measures that);
     * {@code -Dpacs.test.demo-ready-seconds} relaxes it on a busy machine.
     */
    private static final Duration READY_WITHIN = Duration.ofSeconds(Long.getLong("pacs.test.demo-ready-seconds", 30));

    @TempDir
    Path tmp;

    private Path dataDir;
    private NodeProcess node;

    @BeforeEach
    void node() throws IOException {
        dataDir = tmp.resolve("kafka");
        node = NodeProcess.withOwnBroker("node", tmp, dataDir);
    }

    @AfterEach
    void cleanUp() {
        node.stop();
    }

    /** Three starts in one case: each start of the packaged node costs ~10 s of the suite. */
    @Test
    void startsReadyStopsCleanlyAndStartsAgainAlsoAfterAKill() throws Exception {
        node.start();
        long startedAt = System.nanoTime();
        node.awaitReady(Duration.ofSeconds(60));
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        assertTrue(took.compareTo(READY_WITHIN) <= 0, "ready after " + took.toMillis() + " ms");
        long brokerPid = brokerPid();
        assertTrue(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false));

        node.signal("INT");
        assertTrue(node.waitFor(Duration.ofSeconds(60)), "node did not stop on SIGINT");
        awaitGone(brokerPid);
        assertFalse(Files.exists(dataDir.resolve("broker.pid")), "pid file left behind");

        // started again from another working directory: it still finds its routes and config
        node.start(tmp, null);
        node.awaitReady(Duration.ofSeconds(60));
        long orphan = brokerPid();
        node.kill();
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
                "the broker should outlive a SIGKILLed node for the next start to mean anything");

        // a broker left by a killed node is stopped by the next start, which then gets ready
        node.start();
        node.awaitReady(Duration.ofSeconds(60));
        awaitGone(orphan);
        node.signal("INT");
        assertTrue(node.waitFor(Duration.ofSeconds(60)), "node did not stop on SIGINT");
    }

    @Test
    void aWrongPacsHomeStopsWithTheLookedAtPath() throws Exception {
        Path missing = tmp.resolve("no-such-home");
        node.start(tmp, missing.toString());
        assertTrue(node.waitFor(Duration.ofSeconds(30)));
        assertEquals(2, node.exitValue());
        String output = node.log();
        assertTrue(output.contains(missing.resolve("routes").toString()), output);
    }

    private long brokerPid() throws IOException {
        return Long.parseLong(Files.readString(dataDir.resolve("broker.pid")).trim());
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
}
