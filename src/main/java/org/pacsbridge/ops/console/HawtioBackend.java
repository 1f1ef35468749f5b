package org.pacsbridge.ops.console;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * The few server answers the Hawtio web console asks its host for: log-in and log-out, the
 * logged-in user, and which optional features are on. There is no Hawtio proxy (the console
 * connects to no JVM but this node) and no Keycloak/OIDC: both report "off".
 */
final class HawtioBackend {

    private static final Logger LOG = Logger.getLogger(HawtioBackend.class);
    private static final Set<String> PATHS = Set.of("auth/login", "auth/logout", "auth/config",
            "auth/config/session-timeout", "user", "plugin", "proxy/enabled", "keycloak/enabled");
    private static final int MAX_LOGIN_BODY = 4096;

    private final ConsoleGate gate;
    private final ObjectMapper json = new ObjectMapper();

    HawtioBackend(ConsoleGate gate) {
        this.gate = gate;
    }

    boolean handles(String path) {
        return PATHS.contains(path);
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        switch (path) {
            case "auth/login" -> login(exchange);
            case "auth/logout" -> logout(exchange);
            case "user" -> user(exchange);
            case "auth/config" -> Exchanges.send(exchange, 200, "application/json", "{\"method\":\"form\"}");
            case "auth/config/session-timeout" -> sessionTimeout(exchange);
            case "plugin" -> Exchanges.send(exchange, 200, "application/json", "[]");
            default -> Exchanges.send(exchange, 200, "text/plain", "false");
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Exchanges.sendEmpty(exchange, 405);
            return;
        }
        if (!gate.origins().allows(exchange)) {
            Exchanges.sendEmpty(exchange, 403);
            return;
        }
        if (!gate.authenticationRequired()) {
            Exchanges.send(exchange, 200, "text/plain", "ok");
            return;
        }
        String address = Exchanges.remoteAddress(exchange);
        Duration wait = gate.throttle().waitFor(address);
        if (!wait.isZero()) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            Exchanges.sendEmpty(exchange, 429);
            return;
        }
        Optional<JsonNode> body = readBody(exchange);
        String user = body.map(b -> b.path("username").asText(null)).orElse(null);
        String password = body.map(b -> b.path("password").asText(null)).orElse(null);
        if (!gate.credentials().matches(user, password)) {
            gate.throttle().failed(address);
            LOG.warnf("Console log-in refused from %s", address);
            Exchanges.sendEmpty(exchange, 403);
            return;
        }
        gate.throttle().succeeded(address);
        Exchanges.setSessionCookie(exchange, gate.sessions().open(user));
        LOG.infof("Console log-in of %s from %s", user, address);
        Exchanges.send(exchange, 200, "text/plain", "ok");
    }

    private void logout(HttpExchange exchange) throws IOException {
        gate.sessions().close(Exchanges.cookie(exchange, ConsoleSessions.COOKIE));
        Exchanges.clearSessionCookie(exchange);
        Exchanges.redirect(exchange, "/hawtio/login");
    }

    private void user(HttpExchange exchange) throws IOException {
        Optional<String> user = gate.authenticationRequired()
                ? gate.sessions().user(Exchanges.cookie(exchange, ConsoleSessions.COOKIE))
                : Optional.of(ConsoleGate.ANONYMOUS);
        if (user.isEmpty()) {
            Exchanges.sendEmpty(exchange, 401);
            return;
        }
        Exchanges.send(exchange, 200, "application/json", json.writeValueAsString(user.get()));
    }

    // The console logs itself out after this long without user activity (its own polling does not count).
    private void sessionTimeout(HttpExchange exchange) throws IOException {
        long seconds = gate.authenticationRequired() ? gate.sessions().idleTimeout().toSeconds() : -1;
        long now = System.currentTimeMillis();
        Exchanges.send(exchange, 200, "application/json",
                "{\"timeout\":" + seconds + ",\"now\":" + now + ",\"req\":" + now + "}");
    }

    private Optional<JsonNode> readBody(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_LOGIN_BODY + 1);
            if (bytes.length > MAX_LOGIN_BODY) {
                return Optional.empty();
            }
            return Optional.of(json.readTree(bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
