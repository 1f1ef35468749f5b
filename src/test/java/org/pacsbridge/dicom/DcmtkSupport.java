package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.pacsbridge.testing.Dcmtk;

/** Checks files written by tests with DCMTK and dciodvfy (run through {@link Dcmtk}), when they are on the PATH. */
final class DcmtkSupport {

    private DcmtkSupport() {
    }

    /** dcmdump reads the file without error or warning; does nothing without DCMTK. */
    static void assertDcmdumpAccepts(Path file) throws IOException {
        if (Dcmtk.onPath("dcmdump")) {
            Dcmtk.Result dump = run(List.of("dcmdump", "-Un", file.toString()));
            assertEquals(0, dump.exitCode(), dump.errorOutput());
            assertFalse(dump.errorOutput().lines().anyMatch(line -> line.startsWith("E:") || line.startsWith("F:")
                    || line.startsWith("W:")), dump.errorOutput());
        }
    }

    /**
     * dciodvfy (dicom3tools) finds no error in the object's IOD; its warnings are allowed. Without
     * dciodvfy the calling test ends as skipped, after everything else it checks.
     */
    static void assertValidIod(Path file) throws IOException {
        Assumptions.assumeTrue(Dcmtk.onPath("dciodvfy"), "dciodvfy (dicom3tools) not installed");
        Dcmtk.Result verify = run(List.of("dciodvfy", file.toString()));
        List<String> errors = (verify.output() + verify.errorOutput()).lines()
                .filter(line -> line.startsWith("Error")).toList();
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    private static Dcmtk.Result run(List<String> command) throws IOException {
        try {
            return Dcmtk.runSeparately(60, command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
