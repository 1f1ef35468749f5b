package org.pacsbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for listeners that a test names before the listener exists: a packaged node, a broker, dcmtk or
 * Orthanc, each started with {@code --port N}.
 *
 * <p>Asking the kernel for port 0 and closing the socket is not enough when tests run side by side: such a
 * port lies in the ephemeral range, and any process's next outgoing connection can take it as its local port
 * before the listener binds (a packaged node once failed its start that way). So the ports come from below
 * the ephemeral range, where the kernel never picks local ports, and each one is claimed with a lock file
 * held until this JVM exits, so that the other test JVMs on the machine pass it over.
 */
public final class FreePorts {

    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 20_000;
    private static final int ATTEMPTS = 2_000;
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "pacs-bridge-test-ports");
    private static final Map<Integer, FileLock> CLAIMED = new ConcurrentHashMap<>();

    private FreePorts() {
    }

    /** A port no other test on this machine holds, free on every interface now, outside the ephemeral range. */
    public static int claim() {
        int end = ephemeralStart();
        try {
            Files.createDirectories(LOCKS);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, end);
                if (!CLAIMED.containsKey(port) && lock(port) && bindable(port)) {
                    return port;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + end + " after "
                + ATTEMPTS + " attempts");
    }

    private static boolean lock(int port) throws IOException {
        FileChannel channel = FileChannel.open(LOCKS.resolve(port + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null && CLAIMED.putIfAbsent(port, lock) == null) {
                return true;
            }
        } catch (OverlappingFileLockException claimedHere) {
            // another thread of this JVM holds it
        }
        channel.close();
        return false;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /** First port of the kernel's ephemeral range (32768 by default on Linux). */
    static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readString(RANGE).trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }
}
