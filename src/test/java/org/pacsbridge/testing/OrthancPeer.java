package org.pacsbridge.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A private Orthanc PACS started as a child process for one test.
 *
 * <p>Each instance gets a fresh temporary directory holding its generated configuration, its SQLite index,
 * its storage area and its log ({@code Orthanc --logfile=DIR/orthanc.log --no-jobs DIR/orthanc.json}). No
 * Lua scripts are loaded, and no plugin unless a DICOMweb server is configured ({@link Builder#dicomWebServer}:
 * then the DICOMweb plugin of Debian's {@code orthanc-dicomweb}), so it answers within a fraction of a second. Orthanc 1.10 has no option
 * to choose the interface it binds, so both ports listen on all interfaces; the REST API refuses every
 * client but loopback ({@code RemoteAccessAllowed: false}), and the tests address it on {@link #HOST} only.
 * Nothing depends on a system-wide Orthanc service: ports, AE title and storage are all private.
 *
 * <pre>{@code
 * try (OrthancPeer orthanc = OrthancPeer.builder().modality("sink", "SINK", "127.0.0.1", port).start()) {
 *     orthanc.uploadInstance(file);
 *     orthanc.storeToModality("sink", orthanc.instanceIds());
 * }
 * }</pre>
 */
public final class OrthancPeer implements AutoCloseable {

    /** Loopback address every peer of the instance is reached on. */
    public static final String HOST = "127.0.0.1";

    /** System property naming the Orthanc executable, overriding the look-up on the PATH. */
    public static final String BINARY_PROPERTY = "pacs.orthanc.binary";

    private static final Path DEBIAN_BINARY = Path.of("/usr/sbin/Orthanc");
    /** The DICOMweb plugin of Debian's orthanc-dicomweb package. */
    public static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    private static final int LOG_TAIL_LINES = 40;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Settings settings;
    private final Path workDir;
    private final Process process;
    private final Thread reaper;
    private final HttpClient http;
    private boolean closed;

    private OrthancPeer(Settings settings, Path workDir, Process process, Thread reaper) {
        this.settings = settings;
        this.workDir = workDir;
        this.process = process;
        this.reaper = reaper;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A builder with the defaults: AE title {@code ORTHANC}, free ports, no modalities. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether an Orthanc executable is installed (Debian package {@code orthanc}). */
    public static boolean available() {
        return binary().isPresent();
    }

    /** The Orthanc executable: the system property, else {@code Orthanc} on the PATH, else the Debian path. */
    public static Optional<Path> binary() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "Orthanc"))) {
                return Optional.of(Path.of(dir, "Orthanc"));
            }
        }
        // root's PATH has /usr/sbin, other users' usually do not
        return Files.isExecutable(DEBIAN_BINARY) ? Optional.of(DEBIAN_BINARY) : Optional.empty();
    }

    /** Orthanc's own DICOM AE title. */
    public String aeTitle() {
        return settings.aeTitle();
    }

    /** The port of Orthanc's DICOM server (C-STORE / C-ECHO SCP). */
    public int dicomPort() {
        return settings.dicomPort();
    }

    /** The port of the REST API. */
    public int httpPort() {
        return settings.httpPort();
    }

    /** The base URI of the REST API, without a trailing slash. */
    public URI baseUri() {
        return URI.create("http://" + HOST + ":" + settings.httpPort());
    }

    /** The temporary directory holding configuration, database, storage and logs; removed by {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /** The process id of the Orthanc child process. */
    public long pid() {
        return process.pid();
    }

    /** The last lines of Orthanc's log and console output, for failure messages. */
    public String logTail() {
        return tail(workDir, LOG_TAIL_LINES);
    }

    /**
     * Uploads one DICOM Part 10 file through {@code POST /instances}.
     *
     * @return the Orthanc id of the instance (also when Orthanc already had it)
     */
    public String uploadInstance(Path dicomFile) throws IOException, InterruptedException {
        String body = call(HttpRequest.newBuilder(uri("/instances"))
                .header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(dicomFile)));
        return stringField(body, "ID")
                .orElseThrow(() -> failure("POST /instances gave no instance id: " + body));
    }

    /** The Orthanc ids of all stored instances ({@code GET /instances}). */
    public List<String> instanceIds() throws IOException, InterruptedException {
        String body = call(HttpRequest.newBuilder(uri("/instances")).GET());
        List<String> ids = new ArrayList<>();
        Matcher m = QUOTED.matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The SOP Instance UID of a stored instance, read from its simplified tags. */
    public String sopInstanceUid(String orthancId) throws IOException, InterruptedException {
        String body = call(HttpRequest.newBuilder(uri("/instances/" + orthancId + "/simplified-tags")).GET());
        return stringField(body, "SOPInstanceUID")
                .orElseThrow(() -> failure("instance " + orthancId + " has no SOPInstanceUID: " + body));
    }

    /** The stored DICOM file of an instance ({@code GET /instances/{id}/file}). */
    public byte[] instanceFile(String orthancId) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = newClient().send(
                HttpRequest.newBuilder(uri("/instances/" + orthancId + "/file")).timeout(requestTimeout()).GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw failure("GET /instances/" + orthancId + "/file answered HTTP " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /**
     * Sends instances (or any Orthanc resources) to a configured modality with C-STORE, synchronously.
     *
     * @param modality the symbolic name given to {@link Builder#modality}
     * @return the number of instances Orthanc sent
     * @throws IOException when Orthanc reports an error (unknown modality, association refused, C-STORE
     *                     failure) or reports failed instances; the message carries Orthanc's answer and log
     */
    public int storeToModality(String modality, List<String> orthancIds) throws IOException, InterruptedException {
        String request = "{\"Synchronous\":true,\"Resources\":"
                + orthancIds.stream().map(OrthancPeer::json).collect(Collectors.joining(",", "[", "]")) + "}";
        String body = call(HttpRequest.newBuilder(uri("/modalities/" + modality + "/store"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)));
        int failed = intField(body, "FailedInstancesCount").orElse(0);
        if (failed > 0) {
            throw failure("store to modality " + modality + ": " + failed + " instance(s) failed: " + body);
        }
        return intField(body, "InstancesCount")
                .orElseThrow(() -> failure("store to modality " + modality + " gave no instance count: " + body));
    }

    /**
     * Sends instances to a DICOMweb server with STOW-RS, through the DICOMweb plugin's
     * {@code POST /dicom-web/servers/{name}/stow}, and waits for the answer.
     *
     * @param server the symbolic name given to {@link Builder#dicomWebServer}
     * @throws IOException when Orthanc reports an error, e.g. the server's answer was not 200
     */
    public String stowToServer(String server, List<String> orthancIds) throws IOException, InterruptedException {
        String request = "{\"Synchronous\":true,\"Resources\":"
                + orthancIds.stream().map(OrthancPeer::json).collect(Collectors.joining(",", "[", "]")) + "}";
        return call(HttpRequest.newBuilder(uri("/dicom-web/servers/" + server + "/stow"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)));
    }

    /** Whether the DICOMweb plugin is installed. */
    public static boolean dicomWebAvailable() {
        return Files.isReadable(DICOMWEB_PLUGIN);
    }

    /**
     * Kills Orthanc, checks that the process is gone and removes the working directory.
     *
     * @throws IllegalStateException if the process could not be ended
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(process);
            if (process.isAlive() || ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("Orthanc pid " + process.pid() + " is still running\n" + logTail());
            }
        } finally {
            removeReaper();
        }
        deleteRecursively(workDir);
    }

    private String call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(requestTimeout()).build();
        HttpResponse<String> response = newClient().send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw failure(built.method() + " " + built.uri().getPath() + " answered HTTP " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    /**
     * A client of its own for each REST call: a shared client may reuse a keep-alive connection
     * that Orthanc has already closed and fail with "header parser received no bytes"; with a new
     * client every call opens its own connection, so a POST is never sent twice either.
     */
    private static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private Duration requestTimeout() {
        // a synchronous store waits for the whole C-STORE exchange; Orthanc's own SCU timeout is shorter
        return Duration.ofSeconds(settings.scuTimeoutSeconds() + 30L);
    }

    private URI uri(String path) {
        return URI.create(baseUri() + path);
    }

    private IOException failure(String message) {
        return new IOException("Orthanc " + message + "\n--- Orthanc log tail (" + workDir + ") ---\n" + logTail());
    }

    private void removeReaper() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run already
        }
    }

    private static OrthancPeer start(Settings settings) throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IOException("Orthanc executable not found"));
        Path workDir = Files.createTempDirectory("orthanc-peer");
        Path storage = Files.createDirectories(workDir.resolve("storage"));
        Path config = Files.writeString(workDir.resolve("orthanc.json"), configuration(settings, storage));

        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--logfile=" + workDir.resolve("orthanc.log"), "--no-jobs"));
        if (settings.verbose()) {
            command.add("--verbose");
        }
        command.add(config.toString());
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("console.log").toFile())
                .start();
        process.getOutputStream().close();
        Thread reaper = new Thread(() -> stop(process), "orthanc-peer-reaper-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);

        OrthancPeer peer = new OrthancPeer(settings, workDir, process, reaper);
        try {
            peer.awaitRestApi();
            return peer;
        } catch (IOException | InterruptedException | RuntimeException e) {
            String tail = peer.logTail();
            peer.closeQuietly();
            if (e instanceof InterruptedException) {
                throw (InterruptedException) e;
            }
            throw new IOException("Orthanc did not start: " + e.getMessage() + "\n--- Orthanc log tail ---\n" + tail,
                    e);
        }
    }

    private void awaitRestApi() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        HttpRequest probe = HttpRequest.newBuilder(uri("/system")).timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("process exited with code " + process.exitValue());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | HttpTimeoutException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("REST API did not answer within " + settings.startTimeout());
            }
            Thread.sleep(50);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // the caller is already reporting the original failure
        }
    }

    // The instance's data is thrown away with its directory, so there is nothing a graceful shutdown would
    // save; Orthanc 1.10 needs about 3.5 s to stop its HTTP and DICOM servers on SIGTERM, SIGKILL is instant.
    private static void stop(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String configuration(Settings s, Path storage) {
        String modalities = s.modalities().entrySet().stream()
                .map(e -> json(e.getKey()) + ": [" + json(e.getValue().aeTitle()) + ", "
                        + json(e.getValue().host()) + ", " + e.getValue().port() + "]")
                .collect(Collectors.joining(",\n    ", "{\n    ", "\n  }"));
        String dicomWebServers = s.dicomWebServers().entrySet().stream()
                .map(e -> json(e.getKey()) + ": [" + json(e.getValue().url()) + ", " + json(e.getValue().user()) + ", "
                        + json(e.getValue().password()) + "]")
                .collect(Collectors.joining(",\n      ", "{\n      ", "\n    }"));
        boolean dicomWeb = !s.dicomWebServers().isEmpty();
        return "{\n"
                + "  \"Name\": " + json("pacs-bridge-test-" + s.aeTitle()) + ",\n"
                + "  \"StorageDirectory\": " + json(storage.toString()) + ",\n"
                + "  \"IndexDirectory\": " + json(storage.toString()) + ",\n"
                + "  \"Plugins\": " + (dicomWeb ? "[" + json(DICOMWEB_PLUGIN.toString()) + "]" : "[]") + ",\n"
                + (dicomWeb ? "  \"DicomWeb\": {\n    \"Enable\": true,\n    \"Servers\": " + dicomWebServers + "\n  },\n" : "")
                + "  \"LuaScripts\": [],\n"
                + "  \"HttpServerEnabled\": true,\n"
                + "  \"HttpPort\": " + s.httpPort() + ",\n"
                + "  \"HttpThreadsCount\": 8,\n"
                + "  \"HttpDescribeErrors\": true,\n"
                + "  \"RemoteAccessAllowed\": false,\n"
                + "  \"AuthenticationEnabled\": false,\n"
                + "  \"SslEnabled\": false,\n"
                + "  \"ExecuteLuaEnabled\": false,\n"
                + "  \"DicomServerEnabled\": true,\n"
                + "  \"DicomAet\": " + json(s.aeTitle()) + ",\n"
                + "  \"DicomPort\": " + s.dicomPort() + ",\n"
                + "  \"DicomThreadsCount\": 2,\n"
                + "  \"DicomCheckCalledAet\": false,\n"
                + "  \"DicomAlwaysAllowEcho\": true,\n"
                + "  \"DicomAlwaysAllowStore\": true,\n"
                + "  \"DicomCheckModalityHost\": false,\n"
                + "  \"DicomScuTimeout\": " + s.scuTimeoutSeconds() + ",\n"
                + "  \"DicomModalitiesInDatabase\": false,\n"
                + "  \"DicomModalities\": " + modalities + ",\n"
                + "  \"OrthancPeers\": {},\n"
                + "  \"StableAge\": " + s.stableAgeSeconds() + ",\n"
                + "  \"StorageCompression\": false,\n"
                + "  \"SaveJobs\": false,\n"
                + "  \"ConcurrentJobs\": 2\n"
                + "}\n";
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    // Orthanc's answers are flat enough that a field look-up by pattern is all these helpers need.
    private static Optional<String> stringField(String body, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<Integer> intField(String body, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(body);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static String tail(Path dir, int lines) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("console.log", "orthanc.log")) {
            Path file = dir.resolve(name);
            try {
                if (Files.exists(file)) {
                    List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                    all.subList(Math.max(0, all.size() - lines), all.size())
                            .forEach(line -> out.append(name).append(": ").append(line).append('\n'));
                }
            } catch (IOException e) {
                out.append(name).append(": <unreadable: ").append(e.getMessage()).append(">\n");
            }
        }
        return out.toString();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }

    /** A remote DICOM node Orthanc knows under a symbolic name. */
    public record Modality(String aeTitle, String host, int port) {
    }

    /** A DICOMweb server Orthanc's DICOMweb plugin can send to; {@code url} ends with a slash. */
    public record DicomWebServer(String url, String user, String password) {
    }

    private record Settings(String aeTitle, int dicomPort, int httpPort, int stableAgeSeconds, int scuTimeoutSeconds,
            Duration startTimeout, boolean verbose, Map<String, Modality> modalities,
            Map<String, DicomWebServer> dicomWebServers) {
    }

    /** Settings of one Orthanc instance; every port left at 0 is picked free on loopback at start. */
    public static final class Builder {
        private String aeTitle = "ORTHANC";
        private int dicomPort;
        private int httpPort;
        private int stableAgeSeconds = 1;
        private int scuTimeoutSeconds = 10;
        private Duration startTimeout = Duration.ofSeconds(30);
        private boolean verbose;
        private final Map<String, Modality> modalities = new LinkedHashMap<>();
        private final Map<String, DicomWebServer> dicomWebServers = new LinkedHashMap<>();

        private Builder() {
        }

        /** Orthanc's own AE title (default {@code ORTHANC}). */
        public Builder aeTitle(String aeTitle) {
            this.aeTitle = Objects.requireNonNull(aeTitle, "aeTitle");
            return this;
        }

        /** The DICOM port; 0 (the default) picks a free one. */
        public Builder dicomPort(int port) {
            this.dicomPort = port;
            return this;
        }

        /** The REST API port; 0 (the default) picks a free one. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** Adds a modality that {@link #storeToModality} can send to, under the symbolic name {@code name}. */
        public Builder modality(String name, String aeTitle, String host, int port) {
            modalities.put(Objects.requireNonNull(name, "name"), new Modality(aeTitle, host, port));
            return this;
        }

        /**
         * Adds a DICOMweb server that {@link #stowToServer} can send to, under the symbolic name {@code name};
         * loads the DICOMweb plugin ({@link #dicomWebAvailable}).
         *
         * @param url the server's DICOMweb root, ending with a slash (the plugin appends {@code studies})
         */
        public Builder dicomWebServer(String name, String url, String user, String password) {
            dicomWebServers.put(Objects.requireNonNull(name, "name"), new DicomWebServer(url, user, password));
            return this;
        }

        /** Seconds without new instances after which Orthanc calls a series or study stable (default 1). */
        public Builder stableAge(int seconds) {
            this.stableAgeSeconds = seconds;
            return this;
        }

        /** Orthanc's timeout as a DICOM SCU, in seconds (default 10). */
        public Builder scuTimeout(int seconds) {
            this.scuTimeoutSeconds = seconds;
            return this;
        }

        /** How long to wait for the REST API after launching the process (default 30 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Makes Orthanc log at verbose level, e.g. to follow DICOM negotiation. */
        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        /**
         * Launches Orthanc and waits until its REST API answers.
         *
         * @throws IOException if the executable is missing or Orthanc exits or stays silent; the message carries
         *                     the tail of its log
         */
        public OrthancPeer start() throws IOException, InterruptedException {
            int dicom = dicomPort != 0 ? dicomPort : FreePorts.claim();
            int rest = httpPort;
            while (rest == 0 || rest == dicom) {
                rest = FreePorts.claim();
            }
            return OrthancPeer.start(new Settings(aeTitle, dicom, rest, stableAgeSeconds, scuTimeoutSeconds,
                    startTimeout, verbose, Map.copyOf(modalities), Map.copyOf(dicomWebServers)));
        }
    }
}
