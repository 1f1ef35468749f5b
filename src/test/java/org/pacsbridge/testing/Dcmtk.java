package org.pacsbridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs dcmtk's command-line tools (Debian package dcmtk) and returns what they printed. */
public final class Dcmtk {
    private static final Pattern STORE_RESPONSE =
            Pattern.compile("Received Store Response(?: \\(([^)]*)\\))?");


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

    /** Runs a tool to its end (at most {@code timeoutSeconds}). */
    public static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** storescu of the files to AET@localhost:port, one association; extra options before the peer. */
    public static Result storescu(String calledAe, int port, List<String> options, Path... files)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", "STORESCU", "-aec", calledAe));
        command.addAll(options);
        command.add("127.0.0.1");
        command.add(Integer.toString(port));
        for (Path file : files) {
            command.add(file.toString());
        }
        return run(120, command.toArray(String[]::new));
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

    /** What a tool printed and how it ended. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
