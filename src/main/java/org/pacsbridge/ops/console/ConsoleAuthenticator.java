package org.pacsbridge.ops.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

/**
 * Guards the Jolokia endpoint. A caller is let in with the console's session cookie (the embedded
 * console after its log-in) or with HTTP Basic credentials (a standalone Hawtio, Hawtio Online,
 * scripts). Browser requests from foreign origins are refused first.
 */
final class ConsoleAuthenticator extends Authenticator {

    static final String REALM = "pacs-bridge";

    private final ConsoleGate gate;

    ConsoleAuthenticator(ConsoleGate gate) {
        this.gate = gate;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        if (!gate.origins().allows(exchange)) {
            return new Failure(403);
        }
        if (!gate.authenticationRequired()) {
            return new Success(new HttpPrincipal(ConsoleGate.ANONYMOUS, REALM));
        }
        String cookie = Exchanges.cookie(exchange, ConsoleSessions.COOKIE);
        Optional<String> sessionUser = gate.sessions().user(cookie);
        if (sessionUser.isPresent()) {
            return new Success(new HttpPrincipal(sessionUser.get(), REALM));
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(exchange, authorization.substring(6).trim());
        }
        if (cookie != null) {
            // A console whose session ran out: no challenge, so the browser shows no password
            // dialog of its own and the console returns to its log-in page.
            return new Failure(401);
        }
        return challenge(exchange);
    }

    private Result basic(HttpExchange exchange, String encoded) {
        String address = Exchanges.remoteAddress(exchange);
        Duration wait = gate.throttle().waitFor(address);
        if (!wait.isZero()) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            return new Failure(429);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return challenge(exchange);
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (gate.credentials().matches(user, password)) {
            gate.throttle().succeeded(address);
            return new Success(new HttpPrincipal(user, REALM));
        }
        gate.throttle().failed(address);
        return challenge(exchange);
    }

    private static Result challenge(HttpExchange exchange) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return new Retry(401);
    }
}
