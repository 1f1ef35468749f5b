package org.pacsbridge.ops.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** One user and password (the console's, the HTTP admin endpoints'), compared in constant time. */
public final class ConsoleCredentials {

    private final byte[] user;
    private final byte[] password;

    public ConsoleCredentials(String user, String password) {
        this.user = digest(user);
        this.password = digest(password);
    }

    public boolean matches(String candidateUser, String candidatePassword) {
        if (candidateUser == null || candidatePassword == null) {
            return false;
        }
        boolean userMatches = MessageDigest.isEqual(user, digest(candidateUser));
        boolean passwordMatches = MessageDigest.isEqual(password, digest(candidatePassword));
        return userMatches & passwordMatches;
    }

    // Equal-length values for MessageDigest.isEqual, so the comparison time says nothing about length.
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
