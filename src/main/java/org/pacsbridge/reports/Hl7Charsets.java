package org.pacsbridge.reports;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Character sets named in MSH-18 (HL7 table 0211) and decoding of received bytes with them.
 */
final class Hl7Charsets {

    private Hl7Charsets() {
    }

    /**
     * The Java charset for an MSH-18 value, or null when the field is empty or names a set the node
     * does not map (then hex escapes and bytes are read as UTF-8 when valid, else ISO-8859-1).
     * Plain {@code UNICODE} (2.3 and 2.4) is taken as UTF-8: that is what senders mean by it in practice.
     */
    static Charset forMsh18(String value) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (name.isEmpty()) {
            return null;
        }
        if (name.equals("UNICODE UTF-8") || name.equals("UTF-8") || name.equals("UNICODE")) {
            return StandardCharsets.UTF_8;
        }
        if (name.equals("ASCII")) {
            return StandardCharsets.US_ASCII;
        }
        if (name.startsWith("8859/")) {
            try {
                return Charset.forName("ISO-8859-" + name.substring(5));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Decodes received bytes: with the MSH-18 charset when the MSH segment names one, otherwise
     * UTF-8 when the bytes are valid UTF-8, otherwise ISO-8859-1. The MSH segment itself is ASCII in
     * every charset the node accepts, so it can be read before the charset is known.
     */
    static String decode(byte[] bytes) {
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        Charset named = forMsh18(msh18(latin1));
        return named != null ? new String(bytes, named) : Er7Text.utf8OrLatin1(bytes);
    }

    private static String msh18(String text) {
        int start = text.indexOf("MSH");
        if (start < 0 || text.length() < start + 8) {
            return "";
        }
        int end = start;
        while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
            end++;
        }
        String msh = text.substring(start, end);
        if (msh.length() < 6) {
            return ""; // no MSH-1 and repetition character to find MSH-18 with; MshReader refuses the header
        }
        char fieldSeparator = msh.charAt(3);
        char repetition = msh.charAt(5);
        return Er7Text.part(Er7Text.part(msh, fieldSeparator, 18), repetition, 1);
    }
}
