package org.pacsbridge.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs dcmtk's command-line tools (Debian package dcmtk) and returns what they printed. */
public final class Dcmtk {
    private static final Pattern STORE_RESPONSE =
            Pattern.compile("Received Store Response(?: \\(([^)]*)\\))?");
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private Dcmtk() {
    }

    public static boolean available() {
        return onPath("storescu") && onPath("echoscu") && onPath("storescp");
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a tool to its end (at most {@code timeoutSeconds}); its standard output and error together. */
    public static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(NO_INPUT).start();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8), "");
    }

    /** dcmdump's print of the file with the given options (e.g. {@code +L}: long values whole); it must succeed. */
    public static String dcmdump(Path file, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("dcmdump"));
        command.addAll(List.of(options));
        command.add(file.toString());
        try {
            Result result = runSeparately(60, command);
            if (result.exitCode() != 0) {
                throw new AssertionError("dcmdump failed on " + file + ": " + result.errorOutput());
            }
            return result.output();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Runs a tool to its end (at most {@code timeoutSeconds}) with its standard output and error apart, both read
     * as ISO 8859-1 (dcmdump prints attribute values in their own character set).
     */
    public static Result runSeparately(long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("dcmtk", ".out");
        Path stderr = Files.createTempFile("dcmtk", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).redirectInput(NO_INPUT).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.ISO_8859_1),
                    Files.readString(stderr, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Starts a tool in the background, its standard output and error written to {@code log}; the caller ends it. */
    public static Process start(Path log, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectInput(NO_INPUT)
                .redirectOutput(log.toFile()).start();
    }

    /** storescu of the files to AET@localhost:port in the background, one association; see {@link #start}. */
    public static Process startStorescu(String calledAe, int port, List<String> options, Path log,
            Collection<Path> files) throws IOException {
        return start(log, storescuCommand(calledAe, port, options, files));
    }

    /** storescp with the AE title on the port, writing what it receives into {@code outputDir}; see {@link #start}. */
    public static Process startStorescp(String aeTitle, int port, Path outputDir, Path log, String... options)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("storescp", "-aet", aeTitle));
        command.addAll(List.of(options));
        command.addAll(List.of("-od", outputDir.toString(), Integer.toString(port)));
        return start(log, command);
    }

    /** storescu of the files to AET@localhost:port, one association; extra options before the peer. */
    public static Result storescu(String calledAe, int port, List<String> options, Path... files)
            throws IOException, InterruptedException {
        return run(120, storescuCommand(calledAe, port, options, List.of(files)).toArray(String[]::new));
    }

    private static List<String> storescuCommand(String calledAe, int port, List<String> options,
            Collection<Path> files) {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", "STORESCU", "-aec", calledAe));
        command.addAll(options);
        command.add("127.0.0.1");
        command.add(Integer.toString(port));
        for (Path file : files) {
            command.add(file.toString());
        }
        return command;
    }

    /**
     * The status {@code storescu -v} reported for each of {@code sent} files, in order ("Success",
     * "Refused: OutOfResources", ...); "no response" for files after the last response.
     */
    public static List<String> storeStatuses(String verboseOutput, int sent) {
        List<String> statuses = new ArrayList<>();
        for (String line : verboseOutput.split("\n")) {
            Matcher m = STORE_RESPONSE.matcher(line);
            if (m.find() && statuses.size() < sent) {
                statuses.add(m.group(1) == null ? "?" : m.group(1));
            }
        }
        while (statuses.size() < sent) {
            statuses.add("no response");
        }
        return statuses;
    }

    public static Result echoscu(String callingAe, String calledAe, int port) throws IOException, InterruptedException {
        return run(30, "echoscu", "-aet", callingAe, "-aec", calledAe, "127.0.0.1", Integer.toString(port));
    }

    /**
     * What a tool printed and how it ended: {@code output} is its standard output (with its standard error when
     * run together), {@code errorOutput} its standard error when run apart.
     */
    public record Result(int exitCode, String output, String errorOutput) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
