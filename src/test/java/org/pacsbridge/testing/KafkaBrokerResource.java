package org.pacsbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.pacsbridge.ops.kafka.KafkaBrokerProcess;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the node at a real single-node KRaft broker (a child JVM) shared by every Quarkus test application
 * of the test JVM: started by the first application that needs it, stopped when the JVM exits. Tests
 * therefore meet records that earlier test classes left on the node's topics, and read only their own
 * (keyed by accession numbers or UIDs unique to the test).
 *
 * <p>Quarkus loads test resources once per application start, each time in a class loader of its own, so
 * the broker's whereabouts are kept in system properties and its pid in the broker's own pid file rather
 * than in static fields.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static final String LOCK = "org.pacsbridge.testing.KafkaBrokerResource";
    private static final String DATA_DIR = "pacs.test.kafka.data-dir";
    private static final String PORT = "pacs.test.kafka.port";
    private static final String CONTROLLER_PORT = "pacs.test.kafka.controller-port";
    private static final String HOST = "localhost";

    @Override
    public Map<String, String> start() {
        try {
            return Map.of("kafka.bootstrap.servers", sharedBroker());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // the broker outlives the application: the next test class's application uses it too
    }

    private static String sharedBroker() throws IOException, InterruptedException {
        synchronized (LOCK) {
            if (System.getProperty(PORT) == null) {
                Path dataDir = Files.createTempDirectory("pacs-test-kafka");
                int port = FreePorts.claim();
                int controllerPort = FreePorts.claim();
                process(dataDir, port, controllerPort).start();
                System.setProperty(DATA_DIR, dataDir.toString());
                System.setProperty(PORT, Integer.toString(port));
                System.setProperty(CONTROLLER_PORT, Integer.toString(controllerPort));
                Path pidFile = dataDir.resolve("broker.pid");
                Runtime.getRuntime().addShutdownHook(new BrokerStopper(pidFile));
            }
            return bootstrapServers();
        }
    }

    /** Stops the shared test broker (its data stays), to test the node without Kafka. */
    public static void stopBroker() {
        synchronized (LOCK) {
            BrokerStopper.stop(Path.of(System.getProperty(DATA_DIR)).resolve("broker.pid"));
        }
    }

    /**
     * Starts the shared test broker again, on the same port with the same data. Tests that stop it call
     * this in a {@code finally} block: the test classes after them need the broker.
     */
    public static void restartBroker() throws IOException, InterruptedException {
        synchronized (LOCK) {
            process(Path.of(System.getProperty(DATA_DIR)), Integer.parseInt(System.getProperty(PORT)),
                    Integer.parseInt(System.getProperty(CONTROLLER_PORT))).start();
        }
    }

    /** The bootstrap servers of the shared test broker. */
    public static String bootstrapServers() {
        String port = System.getProperty(PORT);
        if (port == null) {
            throw new IllegalStateException("no test broker yet: the test class needs @QuarkusTestResource("
                    + KafkaBrokerResource.class.getSimpleName() + ".class)");
        }
        return HOST + ":" + port;
    }

    /** Starts a broker of its own on the given client port; the caller closes it. */
    public static KafkaBrokerProcess startBroker(Path dataDir, int port) throws IOException, InterruptedException {
        KafkaBrokerProcess process = process(dataDir, port, FreePorts.claim());
        process.start();
        return process;
    }

    private static KafkaBrokerProcess process(Path dataDir, int port, int controllerPort) {
        return new KafkaBrokerProcess(libDir(), dataDir, HOST, port, controllerPort, Duration.ofSeconds(90));
    }

    public static Path libDir() {
        return Path.of(System.getProperty("pacs.kafka.embedded.lib-dir", "target/kafka-broker"));
    }
}
