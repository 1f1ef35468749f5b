package org.pacsbridge.ops.console;

import java.io.IOException;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** Everything under /hawtio/: the console's server answers, else its files. */
final class HawtioConsoleHandler implements HttpHandler {

    static final String CONTEXT = "/hawtio";

    // Hawtio's scripts need no inline code; its components inject styles, and its editor runs in
    // workers loaded from this origin.
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";

    private static final Set<String> RESERVED = Set.of("proxy", "jolokia", "auth", "keycloak",
            "user", "plugin");

    private final HawtioBackend backend;
    private final HawtioAssets assets;

    HawtioConsoleHandler(HawtioBackend backend, HawtioAssets assets) {
        this.backend = backend;
        this.assets = assets;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            securityHeaders(exchange);
            String path = exchange.getRequestURI().getPath();
            if (path.equals(CONTEXT)) {
                Exchanges.redirect(exchange, CONTEXT + "/");
                return;
            }
            if (!path.startsWith(CONTEXT + "/")) {
                Exchanges.sendEmpty(exchange, 404);
                return;
            }
            String relative = path.substring(CONTEXT.length() + 1);
            if (backend.handles(relative)) {
                backend.handle(exchange, relative);
                return;
            }
            if (reserved(relative)) {
                // no Hawtio proxy, no Jolokia here (it lives at /jolokia), no other server parts
                Exchanges.sendEmpty(exchange, 404);
                return;
            }
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Exchanges.sendEmpty(exchange, 405);
                return;
            }
            assets.handle(exchange, relative);
        }
    }

    private static boolean reserved(String relative) {
        String first = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
        return RESERVED.contains(first);
    }

    private static void securityHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
}
