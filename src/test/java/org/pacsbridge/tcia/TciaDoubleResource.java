package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the TCIA test double for a Quarkus test application and points the node's TCIA client at
 * its NBIA v4 interface, with no pacing and short backoffs, and on catalogue topics of its own. Init arguments: {@code collections},
 * {@code images} ({@code true} turns the reference images on) and {@code byte-budget}.
 */
public class TciaDoubleResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TciaTestServer current;
    private static volatile Path imagesDir;
    private Map<String, String> args = Map.of();
    private TciaTestServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = TciaTestServer.start();
            current = server;
            imagesDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-tcia-images-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("pacs.tcia.api", "nbia-v4");
        config.put("pacs.tcia.base-url", server.baseUrl(TciaApi.NBIA_V4).toString());
        config.put("pacs.tcia.request-delay", "0s");
        config.put("pacs.tcia.initial-backoff", "50ms");
        config.put("pacs.tcia.max-backoff", "1s");
        config.put("pacs.tcia.max-attempts", "2");
        config.put("pacs.tcia.read-timeout", "5s");
        config.put("pacs.tcia.collections", args.getOrDefault("collections", "COVID-19-NY-SBU,LIDC-IDRI"));
        config.put("pacs.tcia.images.enabled", args.getOrDefault("images", "false"));
        config.put("pacs.tcia.images.byte-budget", args.getOrDefault("byte-budget", "1073741824"));
        config.put("pacs.tcia.images.dir", imagesDir.toString());
        // the test broker outlives this application: a catalogue and high-water mark of its own, so that
        // a sync starts from nothing as on a new node
        String run = UUID.randomUUID().toString();
        config.put("pacs.topic.tcia-series", "test.tcia-series." + run);
        config.put("pacs.topic.tcia-sync-state", "test.tcia-sync-state." + run);
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The double of the running test application. */
    static TciaTestServer server() {
        return current;
    }

    /** Where the running test application keeps reference images. */
    static Path imagesDir() {
        return imagesDir;
    }
}
