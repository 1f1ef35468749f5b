package org.pacsbridge.tcia;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Query parameters in the order added; {@code null} values are left out. Names are case-sensitive. */
final class QueryString {

    private final Map<String, String> parameters = new LinkedHashMap<>();

    static QueryString create() {
        return new QueryString();
    }

    QueryString add(String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
        return this;
    }

    QueryString copy() {
        QueryString copy = new QueryString();
        copy.parameters.putAll(parameters);
        return copy;
    }

    /** {@code base} with these parameters appended (after any query {@code base} already has). */
    URI appendTo(URI base) {
        if (parameters.isEmpty()) {
            return base;
        }
        String separator = base.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + encoded());
    }

    /** {@code name=value&...}, percent-encoded (also usable as a form body). */
    String encoded() {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
