package org.pacsbridge.ops.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/**
 * The Hawtio web console's files (index.html, scripts, fonts), unpacked from hawtio-war at build
 * time into the application under {@value #ROOT}. Paths without a file extension are the
 * console's own client-side routes and get index.html.
 */
final class HawtioAssets {

    static final String ROOT = "org/pacsbridge/ops/console/hawtio/";
    private static final String INDEX = "index.html";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader loader;

    HawtioAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether the console's files are part of this build. */
    boolean present() {
        return loader.getResource(ROOT + INDEX) != null;
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        String file = path.isEmpty() ? INDEX : path;
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            file = INDEX; // a client-side route such as camel/routes or login
        }
        if (file.contains("..") || file.contains("//") || file.startsWith("/") || file.contains("\\")) {
            Exchanges.sendEmpty(exchange, 404);
            return;
        }
        String extension = file.substring(file.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        InputStream in = type == null ? null : loader.getResourceAsStream(ROOT + file);
        if (in == null) {
            Exchanges.sendEmpty(exchange, 404);
            return;
        }
        try (in) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control",
                    file.startsWith("static/") ? "public, max-age=31536000, immutable" : "no-cache");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                Exchanges.sendEmpty(exchange, 200);
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }
}
