package org.pacsbridge.xraydar.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A parsed {@code multipart/form-data} body, as the {@link XraydarSimulator} receives it. */
public final class MultipartForm {

    /** One part: its form field name, file name and content type if sent, and its bytes. */
    public record Part(String name, String fileName, String contentType, byte[] content) {
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final List<Part> parts;

    private MultipartForm(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    List<Part> parts() {
        return parts;
    }

    public Optional<Part> part(String name) {
        return parts.stream().filter(p -> name.equals(p.name())).findFirst();
    }

    /** The boundary from a {@code multipart/form-data} content type, if it is one. */
    static Optional<String> boundary(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        List<String> params = splitParameters(contentType);
        if (params.isEmpty() || !params.get(0).strip().equalsIgnoreCase("multipart/form-data")) {
            return Optional.empty();
        }
        return Optional.ofNullable(parameters(params).get("boundary")).filter(b -> !b.isEmpty());
    }

    /**
     * Parses a body.
     *
     * @throws IllegalArgumentException if the body does not follow RFC 7578 framing
     */
    public static MultipartForm parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] separator = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0 || (pos > 0 && indexOf(body, separator, 0) != pos - 2)) {
            throw new IllegalArgumentException("no opening boundary");
        }
        pos += delimiter.length;
        List<Part> parts = new ArrayList<>();
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return new MultipartForm(parts);
            }
            if (!startsWith(body, pos, CRLF)) {
                throw new IllegalArgumentException("boundary not followed by CRLF");
            }
            pos += 2;
            int headersEnd = indexOf(body, HEADER_END, pos);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("part headers not terminated");
            }
            Map<String, String> headers = headers(new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8));
            int contentStart = headersEnd + HEADER_END.length;
            int contentEnd = indexOf(body, separator, contentStart);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("part not terminated by a boundary");
            }
            String disposition = headers.get("content-disposition");
            if (disposition == null) {
                throw new IllegalArgumentException("part without Content-Disposition");
            }
            List<String> dispositionParams = splitParameters(disposition);
            if (!dispositionParams.get(0).strip().equalsIgnoreCase("form-data")) {
                throw new IllegalArgumentException("part is not form-data");
            }
            Map<String, String> params = parameters(dispositionParams);
            String fileName = params.get("filename");
            parts.add(new Part(params.get("name"), fileName == null ? null : unescapeFileName(fileName),
                    headers.get("content-type"), Arrays.copyOfRange(body, contentStart, contentEnd)));
            pos = contentEnd + separator.length;
        }
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed part header");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    /** Splits a header value on {@code ;} outside quotes. */
    private static List<String> splitParameters(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            } else if (c == ';' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        out.add(current.toString());
        return out;
    }

    private static Map<String, String> parameters(List<String> split) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String param : split.subList(1, split.size())) {
            int eq = param.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = param.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            params.put(name, value);
        }
        return params;
    }

    private static String unescapeFileName(String fileName) {
        return fileName.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (offset + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
