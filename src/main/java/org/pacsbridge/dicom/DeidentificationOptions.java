package org.pacsbridge.dicom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Settings of one {@link Deidentifier} run.
 *
 * @param uidSalt          this node's secret, from which replacement UIDs are derived; the same salt
 *                         gives the same replacements, so objects of one study sent at different
 *                         times still share their new Study Instance UID. Not empty.
 * @param patientPseudonym replaces Patient Name and Patient ID, for example {@code ANON-3F2A91C0};
 *                         printable ASCII without backslash, at most 64 characters. Null to leave
 *                         both empty (action Z of the profile).
 * @param keepDescriptions whether Study Description, Series Description and Protocol Name are kept,
 *                         cleaned of dates and digit runs, instead of removed
 */
public record DeidentificationOptions(byte[] uidSalt, String patientPseudonym, boolean keepDescriptions) {

    private static final int MAX_PSEUDONYM_LENGTH = 64;

    /**
     * @throws NullPointerException     if {@code uidSalt} is null
     * @throws IllegalArgumentException if the salt is empty or the pseudonym not allowed
     */
    public DeidentificationOptions {
        Objects.requireNonNull(uidSalt, "uidSalt");
        if (uidSalt.length == 0) {
            throw new IllegalArgumentException("uidSalt is empty");
        }
        uidSalt = uidSalt.clone();
        if (patientPseudonym != null) {
            checkPseudonym(patientPseudonym);
        }
    }

    /** Options with descriptions removed. */
    public DeidentificationOptions(byte[] uidSalt, String patientPseudonym) {
        this(uidSalt, patientPseudonym, false);
    }

    /** @return a copy of the salt */
    @Override
    public byte[] uidSalt() {
        return uidSalt.clone();
    }

    /**
     * A pseudonym derived from a patient ID the same way UIDs are: {@code ANON-} and 16 hex digits
     * of the SHA-256 of salt and ID. The same salt and ID always give the same pseudonym.
     */
    public static String derivePseudonym(byte[] uidSalt, String patientId) {
        Objects.requireNonNull(uidSalt, "uidSalt");
        Objects.requireNonNull(patientId, "patientId");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(uidSalt);
            digest.update((byte) 0);
            digest.update(patientId.getBytes(StandardCharsets.UTF_8));
            return "ANON-" + HexFormat.of().withUpperCase().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeidentificationOptions other && Arrays.equals(uidSalt, other.uidSalt)
                && Objects.equals(patientPseudonym, other.patientPseudonym)
                && keepDescriptions == other.keepDescriptions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(uidSalt), patientPseudonym, keepDescriptions);
    }

    /** Leaves the salt out, so that logging the options does not disclose it. */
    @Override
    public String toString() {
        return "DeidentificationOptions[uidSalt=(" + uidSalt.length + " bytes), patientPseudonym="
                + patientPseudonym + ", keepDescriptions=" + keepDescriptions + "]";
    }

    private static void checkPseudonym(String pseudonym) {
        if (pseudonym.isEmpty() || pseudonym.length() > MAX_PSEUDONYM_LENGTH) {
            throw new IllegalArgumentException("patientPseudonym must have 1 to " + MAX_PSEUDONYM_LENGTH
                    + " characters");
        }
        for (int i = 0; i < pseudonym.length(); i++) {
            char c = pseudonym.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException("patientPseudonym must be printable ASCII without backslash");
            }
        }
    }
}
