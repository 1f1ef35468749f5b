package org.pacsbridge.dicomweb;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Content-Type header value (RFC 9110 8.3): the media type in lower case and its parameters, names in lower
 * case, values unquoted.
 */
record ContentType(String mediaType, Map<String, String> parameters) {

    /** The parsed value; null for a missing or malformed one. */
    static ContentType parse(String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (!type.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        int i = semicolon < 0 ? header.length() : semicolon + 1;
        while (i < header.length()) {
            int equals = header.indexOf('=', i);
            if (equals < 0) {
                if (!header.substring(i).isBlank()) {
                    return null;
                }
                break;
            }
            String name = header.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = equals + 1;
            while (j < header.length() && header.charAt(j) == ' ') {
                j++;
            }
            if (j < header.length() && header.charAt(j) == '"') {
                j++;
                while (j < header.length() && header.charAt(j) != '"') {
                    if (header.charAt(j) == '\\' && j + 1 < header.length()) {
                        j++;
                    }
                    value.append(header.charAt(j++));
                }
                if (j >= header.length()) {
                    return null; // unterminated quoted string
                }
                j++;
                while (j < header.length() && header.charAt(j) != ';') {
                    j++;
                }
            } else {
                int end = header.indexOf(';', j);
                end = end < 0 ? header.length() : end;
                value.append(header, j, end);
                j = end;
            }
            parameters.put(name, value.toString().strip());
            i = j + 1;
        }
        return new ContentType(type, parameters);
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    boolean is(String type) {
        return mediaType.equals(type);
    }
}
