package org.pacsbridge.ops.console;

import java.util.List;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;

/**
 * Refuses browser requests made by pages of other origins (cross-site request forgery with the
 * console's cookie or cached credentials): a request that names an Origin must come from the
 * console's own origin or one configured in {@code pacs.console.allowed-origins}. Requests
 * without an Origin (command-line clients, Hawtio's own server-side connections) pass.
 */
final class OriginCheck {

    private final List<String> allowed;

    OriginCheck(List<String> allowed) {
        this.allowed = allowed.stream().map(o -> o.trim().toLowerCase(Locale.ROOT)).filter(o -> !o.isEmpty()).toList();
    }

    boolean allows(HttpExchange exchange) {
        return allows(exchange.getRequestHeaders().getFirst("Origin"), exchange.getRequestHeaders().getFirst("Host"));
    }

    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        if (host != null && normalized.equals("http://" + host.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return allowed.contains("*") || allowed.contains(normalized);
    }
}
