package org.pacsbridge.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * UIDs for objects the node creates, derived from names rather than drawn at random, so the same
 * inputs give the same UID in every run: the SHA-256 of the length-prefixed parts, cut to a
 * 128-bit UUID (version 8, RFC 9562) under the 2.25 arc (PS3.5 Annex B.2), as {@link DerivedUids}
 * does for de-identification, but without a secret: these UIDs replace nothing.
 */
public final class NameBasedUid {

    private NameBasedUid() {
    }

    /**
     * @param parts what the UID identifies, e.g. a purpose, an image's SOP Instance UID and an
     *              engine's name and version; their order matters and no two part lists collide by
     *              shifting characters between parts
     */
    public static String of(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                digest.update(bytes);
            }
            byte[] hash = digest.digest();
            hash[6] = (byte) (hash[6] & 0x0F | 0x80); // version 8
            hash[8] = (byte) (hash[8] & 0x3F | 0x80); // variant 10
            return "2.25." + new BigInteger(1, Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
