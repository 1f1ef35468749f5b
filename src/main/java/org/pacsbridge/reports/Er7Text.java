package org.pacsbridge.reports;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splitting, escaping and unescaping of raw ER7 text with a message's own delimiters.
 */
final class Er7Text {

    private Er7Text() {
    }

    /** C0 controls other than TAB, LF (field content in some reports) and FF, and DEL: signs of binary data. */
    static boolean isBinaryControl(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\f' || c == 0x7f;
    }

    /** Splits on {@code separator}, keeping empty parts (so indexes stay field numbers). */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The 1-based {@code index}-th part of {@code text} split on {@code separator}, or "" when absent. */
    static String part(String text, char separator, int index) {
        List<String> parts = split(text, separator);
        return index <= parts.size() ? parts.get(index - 1) : "";
    }

    /** First repetition, 1-based component of a raw field; still escaped. */
    static String component(String rawField, Delimiters d, int index) {
        return part(part(rawField, d.repetition(), 1), d.component(), index);
    }

    /** Decoded first subcomponent of a component, or the universal ID when the namespace ID is empty. */
    static String hdName(String rawField, Delimiters d) {
        String namespace = decode(component(rawField, d, 1), d);
        return namespace.isEmpty() ? decode(component(rawField, d, 2), d) : namespace;
    }

    /** Decodes escape sequences of a non-text value; formatting commands become nothing. */
    static String decode(String raw, Delimiters d) {
        return decode(raw, d, null, false);
    }

    /**
     * Decodes the escape sequences of HL7 v2 chapter 2: delimiter escapes, {@code \Xhh..\} hex data
     * (bytes in {@code charset}; UTF-8 if valid, else ISO-8859-1, when null), highlighting (dropped)
     * and, with {@code formatting}, the FT formatting commands ({@code \.br\} and {@code \.sp n\} as
     * line breaks, {@code \.sk n\} as spaces, {@code \.ce\} as a line break, the others dropped).
     * An unknown or unterminated escape stays as written.
     */
    static String decode(String raw, Delimiters d, Charset charset, boolean formatting) {
        char esc = d.escape();
        if (raw.indexOf(esc) < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            int end = c == esc ? raw.indexOf(esc, i + 1) : -1;
            if (end < 0) {
                out.append(c);
                i++;
                continue;
            }
            String sequence = raw.substring(i + 1, end);
            String replacement = replacement(sequence, d, charset, formatting);
            if (replacement == null) {
                out.append(c);
                i++;
            } else {
                out.append(replacement);
                i = end + 1;
            }
        }
        return out.toString();
    }

    private static String replacement(String sequence, Delimiters d, Charset charset, boolean formatting) {
        switch (sequence) {
            case "F": return String.valueOf(d.field());
            case "S": return String.valueOf(d.component());
            case "T": return String.valueOf(d.subcomponent());
            case "R": return String.valueOf(d.repetition());
            case "E": return String.valueOf(d.escape());
            case "H", "N": return "";
            default: break;
        }
        if (sequence.isEmpty()) {
            return null;
        }
        char kind = sequence.charAt(0);
        if (kind == 'X') {
            return hex(sequence.substring(1), charset);
        }
        if (kind == 'Z' || kind == 'C' || kind == 'M') {
            return ""; // locally defined escapes and ISO 2022 character set switches: nothing to show
        }
        if (kind == '.') {
            return formatting(sequence.substring(1), formatting);
        }
        return null;
    }

    private static String formatting(String command, boolean formatting) {
        String name = command.length() >= 2 ? command.substring(0, 2) : command;
        String argument = command.substring(name.length()).trim();
        if (!formatting) {
            return name.equals("br") || name.equals("sp") ? " " : "";
        }
        return switch (name) {
            case "br", "ce" -> "\n";
            case "sp" -> "\n".repeat(count(argument));
            case "sk" -> " ".repeat(count(argument));
            case "fi", "nf", "in", "ti" -> "";
            default -> null;
        };
    }

    private static int count(String argument) {
        if (argument.isEmpty()) {
            return 1;
        }
        try {
            return Math.max(0, Math.min(Integer.parseInt(argument.replace("+", "")), 20));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String hex(String digits, Charset charset) {
        if (digits.isEmpty() || digits.length() % 2 != 0) {
            return null;
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16);
            int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            bytes[i] = (byte) (hi << 4 | lo);
        }
        String text = charset != null ? new String(bytes, charset) : utf8OrLatin1(bytes);
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    static String utf8OrLatin1(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Escapes text for a field in a message with delimiters {@code d}. Control characters (line
     * breaks included) become spaces: the fields the node writes (MSA-3, ERR) are single-line.
     */
    static String escape(String text, Delimiters d) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == d.escape()) {
                out.append(d.escape()).append('E').append(d.escape());
            } else if (c == d.field()) {
                out.append(d.escape()).append('F').append(d.escape());
            } else if (c == d.component()) {
                out.append(d.escape()).append('S').append(d.escape());
            } else if (c == d.subcomponent()) {
                out.append(d.escape()).append('T').append(d.escape());
            } else if (c == d.repetition()) {
                out.append(d.escape()).append('R').append(d.escape());
            } else if (Character.isISOControl(c)) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
