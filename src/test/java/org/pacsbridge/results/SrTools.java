package org.pacsbridge.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.pacsbridge.testing.Dcmtk;

/** Runs the public SR checkers on a file: dcmtk's dsrdump, dicom3tools' dciodvfy, PixelMed's DicomSRValidator. */
final class SrTools {

    static final Path PIXELMED = Path.of("/usr/share/java/pixelmed.jar");

    private SrTools() {
    }

    /** dsrdump's print of the content tree, with code values and relationship types; the run must succeed. */
    static String dsrdump(Path file) throws IOException {
        Assumptions.assumeTrue(Dcmtk.onPath("dsrdump"), "dsrdump (dcmtk) not installed");
        Dcmtk.Result result = run(List.of("dsrdump", "+Pc", "+Pu", "+Pl", file.toString()));
        assertEquals(0, result.exitCode(), result.output() + result.errorOutput());
        return result.output() + result.errorOutput();
    }

    /** All that dciodvfy printed (errors and warnings). */
    static String dciodvfy(Path file) throws IOException {
        Assumptions.assumeTrue(Dcmtk.onPath("dciodvfy"), "dciodvfy (dicom3tools) not installed");
        Dcmtk.Result result = run(List.of("dciodvfy", file.toString()));
        return result.output() + result.errorOutput();
    }

    /** All that PixelMed's SR template validator printed. */
    static String pixelmedSrValidator(Path file) throws IOException {
        Assumptions.assumeTrue(Files.isReadable(PIXELMED), "PixelMed (libpixelmed-java) not installed");
        Dcmtk.Result result = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // its compiled template stylesheet exceeds the JDK's default XPath operator limits
                "-Djdk.xml.xpathExprOpLimit=0", "-Djdk.xml.xpathExprGrpLimit=0", "-Djdk.xml.xpathTotalOpLimit=0",
                "-cp", PIXELMED.toString(), "com.pixelmed.validate.DicomSRValidator", file.toString()));
        return result.output() + result.errorOutput();
    }

    private static Dcmtk.Result run(List<String> command) throws IOException {
        try {
            return Dcmtk.runSeparately(120, command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
