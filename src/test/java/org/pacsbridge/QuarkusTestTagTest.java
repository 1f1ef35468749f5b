package org.pacsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The build runs the {@code @QuarkusTest} classes in one JVM of their own (surefire's {@code groups=quarkus})
 * and the other tests in two JVMs side by side. A {@code @QuarkusTest} class without the tag would run in
 * those: still passing, but starting test applications of its own in each of them.
 */
class QuarkusTestTagTest {

    @Test
    void everyQuarkusTestClassIsTaggedQuarkus() throws IOException {
        List<Path> quarkusTests;
        List<Path> untagged;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            quarkusTests = files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).contains("\n@QuarkusTest\n"))
                    .toList();
        }
        untagged = quarkusTests.stream().filter(f -> !read(f).contains("\n@Tag(\"quarkus\")\n@QuarkusTest\n")).toList();
        assertTrue(quarkusTests.size() > 20, "the @QuarkusTest classes were found: " + quarkusTests.size());
        assertEquals(List.of(), untagged, "@QuarkusTest classes without @Tag(\"quarkus\") just above it");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
