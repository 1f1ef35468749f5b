package org.pacsbridge.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Replaces UIDs for action U (PS3.15 E.1) by UIDs derived from them: the SHA-256 of a secret salt
 * and the original UID, cut to a 128-bit UUID (version 8, RFC 9562) and written under the 2.25 arc
 * as PS3.5 Annex B.2 describes. The same salt maps the same UID to the same replacement in every
 * object and every run, so a study keeps one Study Instance UID and references still resolve;
 * without the salt the mapping cannot be reversed or recomputed from a guessed original.
 */
final class DerivedUids {

    /** Root of the UIDs of the DICOM standard itself (classes, syntaxes, coding schemes). */
    private static final String STANDARD_ROOT = "1.2.840.10008.";

    private final byte[] salt;

    DerivedUids(byte[] salt) {
        this.salt = salt.clone();
    }

    /**
     * @param uid a UID, padding allowed
     * @return its replacement; a UID of the DICOM standard itself, which identifies no instance, is
     *         returned unchanged (without padding)
     */
    String replace(String uid) {
        String original = ValuePadding.strip(uid);
        if (original.isEmpty() || original.startsWith(STANDARD_ROOT)) {
            return original;
        }
        byte[] hash = sha256(original);
        hash[6] = (byte) (hash[6] & 0x0F | 0x80); // version 8
        hash[8] = (byte) (hash[8] & 0x3F | 0x80); // variant 10
        return "2.25." + new BigInteger(1, Arrays.copyOf(hash, 16));
    }

    /** Replaces each value of a possibly multi-valued UI value; the result is unpadded. */
    String replaceAll(String value) {
        String[] parts = ValuePadding.strip(value).split("\\\\", -1);
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                result.append('\\');
            }
            result.append(replace(parts[i]));
        }
        return result.toString();
    }

    private byte[] sha256(String uid) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // length prefix, so salt and UID cannot be shifted into one another
            digest.update(ByteBuffer.allocate(4).putInt(salt.length).array());
            digest.update(salt);
            digest.update(uid.getBytes(StandardCharsets.US_ASCII));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
