package org.pacsbridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code pacs.*} keys the README's tables with a {@code property} column document. A cell may name
 * several keys in the README's short forms: {@code `pacs.dicom.artim` / `.idle-timeout`} (the last part
 * replaced), {@code `pacs.kafka.ssl.truststore-location` / `-type`} (the end of the last part replaced),
 * {@code pacs.xraydar.{cv,nlp}.read-timeout}, and {@code <code>} or {@code *} for any name.
 */
final class DocumentedSettings {

    /**
     * One documented key as written, the pattern of the keys it stands for, and the default the
     * table gives it: a value in backticks, {@code ""} for "empty", or null for none or prose.
     */
    record Documented(String written, Pattern pattern, String defaultValue, int line) {

        boolean covers(String key) {
            return pattern.matcher(key).matches();
        }
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BRACES = Pattern.compile("\\{([^}]*)}");

    private DocumentedSettings() {
    }

    static List<Documented> read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        List<Documented> documented = new ArrayList<>();
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            String[] cells = line.split("\\|");
            String first = cells.length > 1 ? cells[1].strip() : "";
            if (!inTable) {
                inTable = first.equals("property");
                continue;
            }
            documented.addAll(cell(first, cells.length > 2 ? cells[2].strip() : "", i + 1));
        }
        return documented;
    }

    static List<Documented> cell(String cell, String defaults, int line) {
        List<Documented> keys = new ArrayList<>();
        String base = null;
        String[] parts = cell.split(" / ");
        String[] defaultParts = defaults.split(" / ");
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            String defaultValue = defaultParts.length == parts.length ? defaultValue(defaultParts[p]) : null;
            Matcher code = CODE.matcher(part.strip());
            if (!code.matches()) {
                continue;
            }
            String written = code.group(1);
            String key;
            if (written.startsWith("pacs.")) {
                key = written;
                base = written;
            } else if (base != null && written.startsWith(".")) {
                key = base.substring(0, base.lastIndexOf('.')) + written;
            } else if (base != null && written.startsWith("-")) {
                key = replaceEnd(base, written);
            } else {
                continue;
            }
            for (String expanded : expand(key)) {
                keys.add(new Documented(expanded, pattern(expanded), defaultValue, line));
            }
        }
        return keys;
    }

    /** {@code `3`; `%demo`: `1`} → {@code 3}; {@code empty = any} → empty; prose → null. */
    private static String defaultValue(String text) {
        String t = text.strip();
        if (t.startsWith("empty")) {
            return "";
        }
        Matcher code = CODE.matcher(t);
        return t.startsWith("`") && code.lookingAt() ? code.group(1) : null;
    }

    /** {@code truststore-location} + {@code -type} → {@code truststore-type}; from a shared word if any. */
    private static String replaceEnd(String base, String suffix) {
        String firstWord = suffix.substring(1).split("-")[0];
        int shared = base.lastIndexOf("-" + firstWord + "-");
        int from = shared > base.lastIndexOf('.') ? shared : base.lastIndexOf('-');
        return base.substring(0, from) + suffix;
    }

    private static List<String> expand(String key) {
        Matcher m = BRACES.matcher(key);
        if (!m.find()) {
            return List.of(key);
        }
        List<String> out = new ArrayList<>();
        for (String choice : m.group(1).split(",")) {
            out.addAll(expand(key.substring(0, m.start()) + choice.strip() + key.substring(m.end())));
        }
        return out;
    }

    private static Pattern pattern(String key) {
        StringBuilder regex = new StringBuilder();
        for (String segment : key.split("\\.", -1)) {
            if (!regex.isEmpty()) {
                regex.append("\\.");
            }
            regex.append(segment.equals("*") || segment.matches("<[^>]+>") ? "[^.]+" : Pattern.quote(segment));
        }
        return Pattern.compile(regex.toString());
    }
}
