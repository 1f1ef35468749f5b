package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs DCMTK and dciodvfy on files written by tests, when they are on the PATH. */
final class DcmtkSupport {

    record Result(int exitValue, String stdout, String stderr) {
    }

    private DcmtkSupport() {
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(entry -> Files.isExecutable(Path.of(entry, program)));
    }

    /** dcmdump reads the file without error or warning; does nothing without DCMTK. */
    static void assertDcmdumpAccepts(Path file) throws IOException {
        if (onPath("dcmdump")) {
            Result dump = run(List.of("dcmdump", "-Un", file.toString()));
            assertEquals(0, dump.exitValue(), dump.stderr());
            assertFalse(dump.stderr().lines().anyMatch(line -> line.startsWith("E:") || line.startsWith("F:")
                    || line.startsWith("W:")), dump.stderr());
        }
    }

    /**
     * dciodvfy (dicom3tools) finds no error in the object's IOD; its warnings are allowed. Without
     * dciodvfy the calling test ends as skipped, after everything else it checks.
     */
    static void assertValidIod(Path file) throws IOException {
        Assumptions.assumeTrue(onPath("dciodvfy"), "dciodvfy (dicom3tools) not installed");
        Result verify = run(List.of("dciodvfy", file.toString()));
        List<String> errors = (verify.stdout() + verify.stderr()).lines()
                .filter(line -> line.startsWith("Error")).toList();
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    static Result run(List<String> command) throws IOException {
        Path stdout = Files.createTempFile("dcmtk", ".out");
        Path stderr = Files.createTempFile("dcmtk", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.ISO_8859_1),
                    Files.readString(stderr, StandardCharsets.ISO_8859_1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
