package org.pacsbridge.dicom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Test-side reader of a Part 10 file: its file meta and every top-level attribute of its data set,
 * with the value kept when small and a SHA-256 of the value in any case. Sequences and
 * encapsulated pixel data are recorded as present and stepped over.
 */
final class TopLevelAttributes {

    private static final int KEPT_VALUE_LENGTH = 64 * 1024;

    /**
     * @param vr     the VR from the header, null in implicit VR
     * @param length the value length, or -1 if undefined
     * @param value  the value if at most 64 KiB of defined length, else null
     * @param sha256 the SHA-256 of a value of defined length, else null
     */
    record Attribute(VR vr, long length, byte[] value, byte[] sha256) {
        String text() {
            return value == null ? null : ValuePadding.strip(new String(value, StandardCharsets.ISO_8859_1));
        }
    }

    final FileMeta meta;
    final Map<Integer, Attribute> attributes;

    private TopLevelAttributes(FileMeta meta, Map<Integer, Attribute> attributes) {
        this.meta = meta;
        this.attributes = attributes;
    }

    Set<Integer> tags() {
        return attributes.keySet();
    }

    Attribute get(int tag) {
        return attributes.get(tag);
    }

    String text(int tag) {
        Attribute a = attributes.get(tag);
        return a == null ? null : a.text();
    }

    static TopLevelAttributes read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            TransferSyntax ts = TransferSyntax.of(meta.transferSyntaxUid());
            if (ts.deflated()) {
                throw new IllegalArgumentException("deflated files are not read here");
            }
            DicomInput input = new DicomInput(in);
            ValueSkipper skipper = new ValueSkipper(input, 64);
            Map<Integer, Attribute> attributes = new LinkedHashMap<>();
            ElementHeader header;
            while ((header = ElementHeader.read(input, ts.explicitVr(), ts.bigEndian())) != null) {
                if (header.hasUndefinedLength() || header.vr() == VR.SQ) {
                    skipper.skipValue(header, Encoding.of(ts), 0);
                    attributes.put(header.tag(), new Attribute(header.vr(),
                            header.hasUndefinedLength() ? -1 : header.length(), null, null));
                    continue;
                }
                attributes.put(header.tag(), readValue(input, header));
            }
            return new TopLevelAttributes(meta, attributes);
        }
    }

    private static Attribute readValue(DicomInput input, ElementHeader header) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] kept = header.length() <= KEPT_VALUE_LENGTH ? new byte[(int) header.length()] : null;
        byte[] chunk = new byte[64 * 1024];
        long remaining = header.length();
        int offset = 0;
        while (remaining > 0) {
            int n = (int) Math.min(chunk.length, remaining);
            input.readFully(chunk, 0, n);
            sha256.update(chunk, 0, n);
            if (kept != null) {
                System.arraycopy(chunk, 0, kept, offset, n);
            }
            offset += n;
            remaining -= n;
        }
        return new Attribute(header.vr(), header.length(), kept, sha256.digest());
    }

    /** SHA-256 of {@code data}, for comparing with {@link Attribute#sha256()}. */
    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
