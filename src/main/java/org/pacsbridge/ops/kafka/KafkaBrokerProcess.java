package org.pacsbridge.ops.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) run as a child JVM.
 *
 * <p>Used by the {@code %demo} profile and by the test suite only. The broker's jars are not part
 * of the application: the build copies them to a directory of their own ({@code target/kafka-broker}).
 * The broker keeps its data in {@code dataDir}, so a demo restarted later finds its topics again.
 * A broker left behind by a node that was killed (its pid is recorded in {@code broker.pid}) is
 * stopped before a new one starts.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaBrokerProcess.class);
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String FORMAT_CLASS = "kafka.tools.StorageTool";

    private final Path libDir;
    private final Path dataDir;
    private final String host;
    private final int port;
    private final int controllerPort;
    private final Duration startTimeout;
    private final Listeners listeners;
    private Process process;

    /**
     * The broker's listeners, as {@code server.properties} lines, and any arguments the storage format
     * needs with them. The node's own broker (the demo's) has one plain listener, {@link #PLAIN}.
     */
    public interface Listeners {

        List<String> serverProperties(String host, int port, int controllerPort);

        default List<String> formatArguments() {
            return List.of();
        }
    }

    /** One plain listener for clients and the broker itself, and the controller's. */
    public static final Listeners PLAIN = (host, port, controllerPort) -> List.of(
            "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
            "advertised.listeners=PLAINTEXT://" + host + ":" + port,
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");

    public KafkaBrokerProcess(Path libDir, Path dataDir, String host, int port, int controllerPort,
            Duration startTimeout) {
        this(libDir, dataDir, host, port, controllerPort, startTimeout, PLAIN);
    }

    public KafkaBrokerProcess(Path libDir, Path dataDir, String host, int port, int controllerPort,
            Duration startTimeout, Listeners listeners) {
        this.libDir = libDir.toAbsolutePath().normalize();
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.startTimeout = startTimeout;
        this.listeners = listeners;
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** Starts the broker and returns once it accepts connections on its client port. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        requireLibraries();
        Files.createDirectories(dataDir);
        stopLeftoverBroker();
        Path config = writeServerProperties();
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            format(config);
        }
        Path log = dataDir.resolve("broker.log");
        ProcessBuilder pb = new ProcessBuilder(javaCommand(MAIN_CLASS, config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        Files.writeString(pidFile(), Long.toString(process.pid()));
        LOG.infof("Embedded Kafka broker starting (pid %d) on %s, data in %s, log %s",
                process.pid(), bootstrapServers(), dataDir, log);
        awaitListening(log);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized Optional<Long> pid() {
        return process == null ? Optional.empty() : Optional.of(process.pid());
    }

    /** Stops the broker: a controlled shutdown first, then a forced one. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        ProcessHandle handle = process.toHandle();
        stop(handle, Duration.ofSeconds(30));
        process = null;
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            LOG.warnf("Could not remove %s: %s", pidFile(), e.getMessage());
        }
        LOG.info("Embedded Kafka broker stopped");
    }

    private static void stop(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            handle.onExit().join();
        }
    }

    private void requireLibraries() throws IOException {
        boolean present = Files.isDirectory(libDir);
        if (present) {
            try (Stream<Path> jars = Files.list(libDir)) {
                present = jars.anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"));
            }
        }
        if (!present) {
            throw new IOException("No Kafka broker jars in " + libDir
                    + " (set pacs.kafka.embedded.lib-dir; './mvnw package' puts them in target/kafka-broker)");
        }
    }

    private void stopLeftoverBroker() throws IOException {
        Path pidFile = pidFile();
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).trim();
        Files.delete(pidFile);
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(MAIN_CLASS)).orElse(false))
                .ifPresent(h -> {
                    LOG.warnf("Stopping a Kafka broker left behind by an earlier run (pid %d)", pid);
                    stop(h, Duration.ofSeconds(15));
                });
    }

    private Path writeServerProperties() throws IOException {
        Path logs = dataDir.resolve("logs");
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                String.join("\n", listeners.serverProperties(host, port, controllerPort)),
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + logs,
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
    }

    private void format(Path config) throws IOException, InterruptedException {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        Path log = dataDir.resolve("format.log");
        List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
        arguments.addAll(listeners.formatArguments());
        Process format = new ProcessBuilder(javaCommand(FORMAT_CLASS, arguments.toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!format.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("Formatting the Kafka storage in " + dataDir + " failed: "
                    + tail(log));
        }
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("The embedded Kafka broker exited with code " + process.exitValue()
                        + ": " + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("The embedded Kafka broker did not open " + bootstrapServers() + " within "
                + startTimeout.toSeconds() + " s: " + tail(log));
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-cp");
        command.add(libDir + "/*");
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private Path pidFile() {
        return dataDir.resolve("broker.pid");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
