package org.pacsbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops a test broker by the pid in its pid file (written by KafkaBrokerProcess): a controlled shutdown, forced
 * after 30 s. Registered as a shutdown hook by the broker's first user; no lambdas and JDK classes only, because by
 * the time the JVM exits the class loader of the Quarkus application that started the broker is closed.
 */
final class BrokerStopper extends Thread {

    private final Path pidFile;

    BrokerStopper(Path pidFile) {
        super("test-kafka-broker-stop");
        this.pidFile = pidFile;
    }

    @Override
    public void run() {
        stop(pidFile);
    }

    static void stop(Path pidFile) {
        Optional<ProcessHandle> broker;
        try {
            broker = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return;
        }
        if (broker.isEmpty()) {
            return;
        }
        ProcessHandle handle = broker.get();
        handle.destroy();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            handle.onExit().join();
        }
    }
}
