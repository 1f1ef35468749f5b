package org.pacsbridge.dicom.net;

/**
 * Makes a peer-supplied string (AE title, implementation version name, UID, a message quoting one)
 * safe to put in a log line: control characters (C0, DEL, C1, line and paragraph separators, bidi
 * overrides) become {@code ?}, so the peer cannot start a forged line or colour a terminal, and the
 * text is cut at {@value #MAX_LENGTH} characters.
 */
public final class LogSafe {

    /** Longest text kept; a UID has at most 64 characters, an AE title 16. */
    public static final int MAX_LENGTH = 80;

    private LogSafe() {
    }

    /** @return the value's text made safe for a log line; "null" for null */
    public static String text(Object value) {
        String s = String.valueOf(value);
        int keep = Math.min(s.length(), MAX_LENGTH);
        StringBuilder b = new StringBuilder(keep + 3);
        for (int i = 0; i < keep; i++) {
            char c = s.charAt(i);
            b.append(isUnsafe(c) ? '?' : c);
        }
        if (s.length() > MAX_LENGTH) {
            b.append("...");
        }
        return b.toString();
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
