package org.pacsbridge.xraydar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small input files for the X-Raydar tests. */
final class TestFiles {

    static final String KEY = "A1b2C3d4E5f6G7h8";

    private TestFiles() {
    }

    /** A minimal DICOM Part 10 file: 128-byte preamble, {@code DICM}, then some bytes derived from the seed. */
    static Path dicom(Path dir, String name, int seed) throws IOException {
        byte[] bytes = dicomBytes(seed);
        return Files.write(dir.resolve(name), bytes);
    }

    static byte[] dicomBytes(int seed) {
        byte[] bytes = new byte[512];
        bytes[128] = 'D';
        bytes[129] = 'I';
        bytes[130] = 'C';
        bytes[131] = 'M';
        for (int i = 132; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    static Path report(Path dir, String name, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }
}
