package org.pacsbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

    @Test
    void claimedPortsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
        int ephemeral = FreePorts.ephemeralStart();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.claim();
            assertTrue(port < ephemeral, port + " is in the ephemeral range from " + ephemeral);
            assertTrue(seen.add(port), "port " + port + " claimed twice");
        }
        int port = FreePorts.claim();
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(port));
            assertEquals(port, listener.getLocalPort());
        }
    }

    @Test
    void anotherJvmCannotClaimAPortThisOneHolds(@TempDir Path dir) throws Exception {
        int port = FreePorts.claim();
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "pacs-bridge-test-ports", port + ".lock");
        Path probe = dir.resolve("TryLock.java");
        Files.writeString(probe, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class TryLock {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                            System.exit(c.tryLock() == null ? 3 : 0);
                        }
                    }
                }
                """);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                probe.toString(), lockFile.toString()).inheritIO().start();
        assertTrue(other.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, other.exitValue(), "the other JVM got the lock on port " + port);
    }
}
