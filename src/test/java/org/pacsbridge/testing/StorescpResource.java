package org.pacsbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * dcmtk's {@code storescp} as the PACS the node forwards to: a real Storage SCP on a free port that
 * writes what it receives to a temporary directory. Points {@code pacs.forward.uri} at it.
 */
public class StorescpResource implements QuarkusTestResourceLifecycleManager {

    public static final String AE_TITLE = "STORESCP";
    private static volatile Path outputDir;
    private Process process;

    @Override
    public Map<String, String> start() {
        try {
            int port = FreePorts.claim();
            if (!Dcmtk.available()) {
                // forwarding stays on, to a port nothing listens on: the tests needing storescp skip, and
                // DicomForwardRefusedTest points the forward at a peer of its own
                return forwarding(port);
            }
            outputDir = Files.createTempDirectory("pacs-storescp");
            process = Dcmtk.startStorescp(AE_TITLE, port, outputDir,
                    outputDir.resolveSibling(outputDir.getFileName() + ".log"), "+xa");
            return forwarding(port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> forwarding(int port) {
        return Map.of("pacs.dicom.ae-title", "INGEST_NODE",
                "pacs.forward.enabled", "true",
                "pacs.forward.uri", "dicom:" + AE_TITLE + "@127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits for storescp to have written the object with this SOP Instance UID. */
    public static Optional<Path> awaitReceived(String sopInstanceUid, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(outputDir)) {
                List<Path> matches = files.filter(p -> p.getFileName().toString().endsWith(sopInstanceUid)).toList();
                if (!matches.isEmpty()) {
                    return Optional.of(matches.get(0));
                }
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }
}
