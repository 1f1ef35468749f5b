package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** One request to the TCIA test double, with its parameters decoded, and ways to answer it. */
final class TestExchange {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpExchange exchange;
    private final Map<String, String> query;
    private final Map<String, String> form;

    TestExchange(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        this.query = decode(exchange.getRequestURI().getRawQuery());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body = exchange.getRequestBody().readAllBytes();
        this.form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                ? decode(new String(body, StandardCharsets.UTF_8)) : Map.of();
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    /** Query parameters, names exactly as sent. */
    Map<String, String> query() {
        return Collections.unmodifiableMap(query);
    }

    String param(String name) {
        return query.get(name);
    }

    Map<String, String> form() {
        return Collections.unmodifiableMap(form);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    Map<String, List<String>> headers() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return copy;
    }

    void json(int status, Object value) throws IOException {
        bytes(status, "application/json", JSON.writeValueAsBytes(value), Map.of());
    }

    /** The NBIA API's "no rows": 200 with no body and no content type ({@code Response.ok().build()}). */
    void emptyOk() throws IOException {
        exchange.sendResponseHeaders(200, -1);
    }

    void noContent() throws IOException {
        exchange.sendResponseHeaders(204, -1);
    }

    void text(int status, String contentType, String body) throws IOException {
        bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    void bytes(int status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A chunked 200 answer (no Content-Length), written by {@code writer}. */
    void stream(String contentType, Map<String, String> headers, BodyWriter writer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            writer.write(out);
        }
    }

    @FunctionalInterface
    interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private static Map<String, String> decode(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }
}
