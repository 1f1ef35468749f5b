package org.pacsbridge.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The npm package dcmjs-dimse (a DICOM upper layer in JavaScript) as a peer: {@code src/test/dcmjs/peer.js} run by
 * node, as a C-ECHO / C-STORE SCU ({@link #send}) or as a Storage SCP ({@link #receive}). {@code .ci/run} installs
 * it with {@code npm ci --prefix src/test/dcmjs}. The script prints one JSON object a line for the tests; this class
 * hands them over as {@link JsonNode}s.
 */
public final class DcmjsPeer {

    /** System property naming the directory holding peer.js and its node_modules, overriding {@link #DEFAULT_DIR}. */
    public static final String DIR_PROPERTY = "pacs.dcmjs.dir";

    /** Where the script lives, relative to the project directory the tests run in. */
    public static final Path DEFAULT_DIR = Path.of("src", "test", "dcmjs");

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DcmjsPeer() {
    }

    /** Whether node is on the PATH and dcmjs-dimse is installed beside the script. */
    public static boolean available() {
        return node().isPresent() && Files.isReadable(dir().resolve("node_modules/dcmjs-dimse/package.json"));
    }

    private static Path dir() {
        String configured = System.getProperty(DIR_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_DIR : Path.of(configured);
    }

    private static Optional<Path> node() {
        for (String entry : Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "node"))) {
                return Optional.of(Path.of(entry, "node"));
            }
        }
        return Optional.empty();
    }

    private static List<String> command(String mode, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(node().orElseThrow().toString(),
                dir().resolve("peer.js").toAbsolutePath().toString(), mode));
        command.addAll(arguments);
        return command;
    }

    /**
     * C-ECHO, then a C-STORE of each file, on one association to AE@host:port; waits for the script to end.
     *
     * @throws IOException if node cannot be run or does not end within 30 s
     */
    public static SendResult send(String host, int port, String calledAe, String callingAe, List<Path> files)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(host, Integer.toString(port), calledAe, callingAe));
        files.forEach(file -> arguments.add(file.toAbsolutePath().toString()));
        Path stdout = Files.createTempFile("dcmjs-send", ".out");
        Path stderr = Files.createTempFile("dcmjs-send", ".err");
        try {
            Process process = new ProcessBuilder(command("send", arguments))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new IOException("dcmjs send did not end within " + SEND_TIMEOUT + ":\n" + Files.readString(stderr));
            }
            String output = Files.readString(stdout, StandardCharsets.UTF_8);
            return new SendResult(process.exitValue(), events(output), output + Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * Starts a Storage SCP with the AE title on a free port of the loopback interface, writing what it receives
     * into {@code outputDir}; returns once it listens.
     *
     * @param maxPduLength the maximum PDU length the library is set to (its own limit), or 0 for its default
     */
    public static Receiver receive(String aeTitle, Path outputDir, int maxPduLength)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("0", aeTitle, outputDir.toString()));
        if (maxPduLength > 0) {
            arguments.add(Integer.toString(maxPduLength));
        }
        Path log = Files.createTempFile("dcmjs-receive", ".out");
        Process process = new ProcessBuilder(command("receive", arguments))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Receiver receiver = new Receiver(process, log);
        try {
            receiver.port = receiver.await("listening", Duration.ofSeconds(15)).path("port").asInt();
        } catch (IOException | RuntimeException | Error e) {
            receiver.close();
            throw e;
        }
        return receiver;
    }

    private static List<JsonNode> events(String output) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    /** What one run of {@code peer.js send} printed: the association, the echo, one event per file, the end. */
    public record SendResult(int exitCode, List<JsonNode> events, String output) {

        /** The one event of this kind ("accepted", "echo", "end", ...). */
        public JsonNode event(String kind) {
            List<JsonNode> matching = events(kind);
            if (matching.size() != 1) {
                throw new AssertionError("expected one '" + kind + "' event, got " + matching.size() + ":\n" + output);
            }
            return matching.get(0);
        }

        /** Every event of this kind, in order. */
        public List<JsonNode> events(String kind) {
            return events.stream().filter(e -> kind.equals(e.path("event").asText())).toList();
        }

        /** The "store" event of the object with this SOP Instance UID. */
        public JsonNode store(String sopInstanceUid) {
            return events("store").stream().filter(e -> sopInstanceUid.equals(e.path("sopInstanceUid").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no store event for " + sopInstanceUid + ":\n" + output));
        }
    }

    /** A running {@code peer.js receive}; {@link #close()} ends it. */
    public static final class Receiver implements AutoCloseable {
        private final Process process;
        private final Path log;
        private int port;

        private Receiver(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** The port it listens on, on 127.0.0.1. */
        public int port() {
            return port;
        }

        /** The events printed so far. */
        public List<JsonNode> events() throws IOException {
            return DcmjsPeer.events(Files.readString(log, StandardCharsets.UTF_8));
        }

        /** Every event of this kind printed so far. */
        public List<JsonNode> events(String kind) throws IOException {
            return events().stream().filter(e -> kind.equals(e.path("event").asText())).toList();
        }

        /** Waits for an event matching {@code condition}; fails with the events so far after {@code timeout}. */
        public JsonNode await(Predicate<JsonNode> condition, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Optional<JsonNode> match = events().stream().filter(condition).findFirst();
                if (match.isPresent()) {
                    return match.get();
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("dcmjs receiver " + (process.isAlive() ? "printed no matching event"
                            : "ended with " + process.exitValue()) + ":\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }

        /** Waits for an event of this kind. */
        public JsonNode await(String kind, Duration timeout) throws IOException, InterruptedException {
            return await(event -> kind.equals(event.path("event").asText()), timeout);
        }

        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(log);
        }
    }
}
