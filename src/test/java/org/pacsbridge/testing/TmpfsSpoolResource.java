package org.pacsbridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts the node's spool on a real, small file system: a 64 MiB tmpfs mounted for the test run
 * (needs root, as in CI), with the free-space watermark {@value #WATERMARK} bytes. Where it cannot
 * mount, the node keeps the test profile's spool and {@link #mounted()} is false, so the test can
 * skip with an assumption.
 */
public class TmpfsSpoolResource implements QuarkusTestResourceLifecycleManager {

    /** Size of the tmpfs. */
    public static final long SIZE = 64L << 20;
    /** pacs.spool.min-free-space for the test run. */
    public static final long WATERMARK = 16L << 20;

    private static volatile Path mountPoint;
    private static volatile String whyNot = "not started";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("pacs-tmpfs-spool");
            Run mount = run("mount", "-t", "tmpfs", "-o", "size=" + (SIZE >> 20) + "m", "tmpfs", dir.toString());
            if (mount.exitCode != 0) {
                whyNot = "cannot mount a tmpfs (root needed): " + mount.output.strip();
                Files.deleteIfExists(dir);
                return Map.of();
            }
            mountPoint = dir;
            return Map.of("pacs.spool.dir", dir.resolve("spool").toString(),
                    "pacs.spool.min-free-space", Long.toString(WATERMARK));
        } catch (IOException e) {
            whyNot = "cannot mount a tmpfs: " + e.getMessage();
            return Map.of();
        }
    }

    @Override
    public void stop() {
        Path dir = mountPoint;
        if (dir == null) {
            return;
        }
        mountPoint = null;
        try {
            if (run("umount", dir.toString()).exitCode != 0) {
                run("umount", "-l", dir.toString());
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot unmount " + dir, e);
        }
    }

    /** Whether the spool is on the tmpfs. */
    public static boolean mounted() {
        return mountPoint != null;
    }

    /** The mount point (the spool is its "spool" folder); null when not mounted. */
    public static Path mountPoint() {
        return mountPoint;
    }

    /** Why there is no tmpfs, for the skip message. */
    public static String whyNotMounted() {
        return whyNot;
    }

    private static Run run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, String.join(" ", command) + " did not finish");
            }
            return new Run(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private record Run(int exitCode, String output) {
    }
}
