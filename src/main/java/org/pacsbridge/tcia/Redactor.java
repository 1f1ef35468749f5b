package org.pacsbridge.tcia;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Blanks out secrets (API key, password, tokens) from text that may end up in a message or log line. */
final class Redactor {

    /** Shorter values are too likely to occur by chance to be worth blanking (and reveal little). */
    private static final int MIN_SECRET_LENGTH = 4;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    void add(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            secrets.add(secret);
        }
    }

    String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "[redacted]");
        }
        return out;
    }
}
