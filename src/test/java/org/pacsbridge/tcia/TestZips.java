package org.pacsbridge.tcia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds DICOM-looking files and ZIP archives for the tests and the TCIA test double. */
final class TestZips {

    /** A ZIP entry to write. */
    record Entry(String name, byte[] content, boolean stored) {
        static Entry deflated(String name, byte[] content) {
            return new Entry(name, content, false);
        }

        static Entry stored(String name, byte[] content) {
            return new Entry(name, content, true);
        }
    }

    private TestZips() {
    }

    /** 128-byte preamble, {@code DICM}, then {@code size} bytes of pseudo-random "pixel data". */
    static byte[] dicom(String label, int size) {
        byte[] body = new byte[128 + 4 + size];
        byte[] magic = "DICM".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, body, 128, 4);
        Random random = new Random(label.hashCode());
        for (int i = 132; i < body.length; i++) {
            body[i] = (byte) random.nextInt(256);
        }
        return body;
    }

    static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(entries, out);
        return out.toByteArray();
    }

    static void write(List<Entry> entries, OutputStream target) {
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            for (Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name());
                if (entry.stored()) {
                    CRC32 crc = new CRC32();
                    crc.update(entry.content());
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(entry.content().length);
                    zipEntry.setCompressedSize(entry.content().length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
