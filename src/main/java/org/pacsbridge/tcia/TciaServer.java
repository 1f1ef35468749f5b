package org.pacsbridge.tcia;

import java.util.Locale;

/** The brief's two servers of the v2 interface; they answer the same queries. */
public enum TciaServer {
    PRODUCTION,
    TEST;

    /** Reads {@code production} or {@code test} (case-insensitive). */
    public static TciaServer fromConfig(String value) {
        String wanted = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (TciaServer server : values()) {
            if (server.name().equals(wanted)) {
                return server;
            }
        }
        throw new IllegalArgumentException("pacs.tcia.server: expected 'production' or 'test', not '" + value + "'");
    }
}
