package org.pacsbridge.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.pacsbridge.ops.kafka.KafkaBrokerProcess;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real single-node KRaft broker (a child JVM) for a Quarkus test run and points the node
 * at it. One broker per Quarkus application start; its data lives in a fresh temporary directory.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String bootstrapServers;
    private static volatile KafkaBrokerProcess current;
    private KafkaBrokerProcess broker;

    @Override
    public Map<String, String> start() {
        try {
            broker = startBroker(Files.createTempDirectory("pacs-test-kafka"), freePort());
            bootstrapServers = broker.bootstrapServers();
            current = broker;
            return Map.of("kafka.bootstrap.servers", bootstrapServers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Stops the current test broker (its data stays), to test the node without Kafka. */
    public static void stopBroker() {
        current.close();
    }

    /** Starts the current test broker again, on the same port with the same data. */
    public static void restartBroker() throws IOException, InterruptedException {
        current.start();
    }

    /** The bootstrap servers of the broker the current Quarkus test application uses. */
    public static String bootstrapServers() {
        return bootstrapServers;
    }

    /** Starts a broker on the given client port; the caller closes it. */
    public static KafkaBrokerProcess startBroker(Path dataDir, int port) throws IOException, InterruptedException {
        KafkaBrokerProcess process = new KafkaBrokerProcess(libDir(), dataDir, "localhost", port, freePort(),
                Duration.ofSeconds(90));
        process.start();
        return process;
    }

    public static Path libDir() {
        return Path.of(System.getProperty("pacs.kafka.embedded.lib-dir", "target/kafka-broker"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
