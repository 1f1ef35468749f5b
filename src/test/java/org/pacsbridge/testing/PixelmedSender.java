package org.pacsbridge.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends DICOM files with PixelMed's C-STORE SCU ({@code com.pixelmed.network.StorageSOPClassSCU}, Debian
 * package {@code pixelmed-apps} / {@code libpixelmed-java}), run in a child JVM.
 *
 * <p>Its command line is {@code theirHost theirPort theirAET ourAET fileName}; with {@code -} as the file
 * name it reads one file name per line from standard input and sends them all on one association, which is
 * how this class calls it. The tool exits with 0 even when sending failed, so the outcome is taken from its
 * log: each file ends with a {@code Send <file> succeeded|failed} debug line, which this class switches on.
 */
public final class PixelmedSender {

    /** System property naming the PixelMed jar, overriding {@link #DEFAULT_JAR}. */
    public static final String JAR_PROPERTY = "pacs.pixelmed.jar";

    /** Where Debian installs the jar; its manifest Class-Path names the libraries it needs. */
    public static final Path DEFAULT_JAR = Path.of("/usr/share/java/pixelmed.jar");

    private static final String MAIN_CLASS = "com.pixelmed.network.StorageSOPClassSCU";
    private static final Pattern PER_FILE = Pattern.compile("(?m)^Send (.+?) (succeeded|failed)(?: between .*)?$");

    private final Path jar;
    private final Duration timeout;

    /** A sender using the configured or Debian jar, allowing 60 s per run. */
    public PixelmedSender() {
        this(jar(), Duration.ofSeconds(60));
    }

    /**
     * @param jar     the PixelMed jar
     * @param timeout how long one run may take before the child JVM is killed
     */
    public PixelmedSender(Path jar, Duration timeout) {
        this.jar = Objects.requireNonNull(jar, "jar");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The jar named by {@value #JAR_PROPERTY}, else {@link #DEFAULT_JAR}. */
    public static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_JAR : Path.of(configured);
    }

    /** Whether the PixelMed jar is installed. */
    public static boolean available() {
        return Files.isReadable(jar());
    }

    /**
     * Sends the files on one association and waits for the tool to end.
     *
     * @param host       the SCP's host
     * @param port       the SCP's port
     * @param calledAet  the SCP's AE title
     * @param callingAet the AE title the sender uses
     * @param files      DICOM Part 10 files
     * @return exit code, combined output and per-file outcome
     * @throws IOException if the child JVM cannot be run or does not end within the timeout
     */
    public Result send(String host, int port, String calledAet, String callingAet, List<Path> files)
            throws IOException, InterruptedException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to send");
        }
        Path scratch = Files.createTempDirectory("pixelmed-scu");
        try {
            Path logging = Files.writeString(scratch.resolve("logging.properties"), String.join("\n",
                    "handlers=java.util.logging.ConsoleHandler",
                    "java.util.logging.ConsoleHandler.level=ALL",
                    "java.util.logging.SimpleFormatter.format=%5$s%6$s%n",
                    ".level=WARNING",
                    MAIN_CLASS + ".level=FINE", ""));
            Path output = scratch.resolve("output.txt");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true",
                    "-Djava.util.logging.config.file=" + logging, "-cp", jar.toString(), MAIN_CLASS,
                    host, Integer.toString(port), calledAet, callingAet, "-")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try (OutputStream stdin = process.getOutputStream()) {
                for (Path file : files) {
                    stdin.write((file.toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IOException("PixelMed StorageSOPClassSCU did not end within " + timeout + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return Result.of(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), files.size());
        } finally {
            try (var paths = Files.list(scratch)) {
                for (Path path : paths.toList()) {
                    Files.deleteIfExists(path);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    /**
     * What one run of the tool did.
     *
     * @param exitCode  the child JVM's exit code (0 also after most failures)
     * @param output    its standard output and error
     * @param requested how many files were handed to it
     * @param sent      the files it reports as sent successfully
     * @param failed    the files it reports as failed
     */
    public record Result(int exitCode, String output, int requested, List<String> sent, List<String> failed) {

        static Result of(int exitCode, String output, int requested) {
            List<String> sent = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            Matcher m = PER_FILE.matcher(output);
            while (m.find()) {
                ("succeeded".equals(m.group(2)) ? sent : failed).add(m.group(1));
            }
            return new Result(exitCode, output, requested, List.copyOf(sent), List.copyOf(failed));
        }

        /** True when the tool exited with 0, raised no exception and reports every file as sent. */
        public boolean succeeded() {
            return exitCode == 0 && failed.isEmpty() && sent.size() == requested && !output.contains("Exception");
        }
    }
}
