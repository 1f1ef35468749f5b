package org.pacsbridge.tcia;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NBIA OAuth token endpoint of the test double (Spring OAuth2 behaviour: password and
 * refresh_token grants, UUID tokens, {@code expires_in} seconds) and the bearer check of NBIA v2.
 */
final class OAuthTokenServer {

    static final String CLIENT_ID = "nbiaRestAPIClient";
    static final String USER = "alice";
    static final String PASSWORD = "wonderland-Pa55";

    private final TestClock clock;
    private final Map<String, String> users = Map.of(TciaSettings.GUEST_USER, "", USER, PASSWORD);
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<String> grants = new ArrayList<>();
    private volatile Duration lifetime = Duration.ofSeconds(7200);

    OAuthTokenServer(TestClock clock) {
        this.clock = clock;
    }

    /** {@code expires_in} of the next tokens. */
    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** The grant types asked for, in order. */
    synchronized List<String> grants() {
        return List.copyOf(grants);
    }

    /** Forgets every access token (a restarted server); refresh tokens stay valid. */
    void forgetAccessTokens() {
        accessTokens.clear();
    }

    void reset() {
        accessTokens.clear();
        refreshTokens.clear();
        synchronized (this) {
            grants.clear();
        }
        lifetime = Duration.ofSeconds(7200);
    }

    void handleToken(TestExchange t) throws IOException {
        if (!"POST".equals(t.method())) {
            t.text(405, "text/plain", "Method Not Allowed");
            return;
        }
        Map<String, String> form = t.form();
        String grant = form.getOrDefault("grant_type", "");
        synchronized (this) {
            grants.add(grant);
        }
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            t.json(401, Map.of("error", "invalid_client", "error_description", "Bad client credentials"));
            return;
        }
        String user;
        if (grant.equals("password")) {
            user = form.get("username");
            if (user == null || !users.containsKey(user) || !users.get(user).equals(form.getOrDefault("password", ""))) {
                t.json(400, Map.of("error", "invalid_grant", "error_description", "Bad credentials"));
                return;
            }
        } else if (grant.equals("refresh_token")) {
            user = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            if (user == null) {
                t.json(400, Map.of("error", "invalid_grant", "error_description", "Invalid refresh token"));
                return;
            }
        } else {
            t.json(400, Map.of("error", "unsupported_grant_type", "error_description", "Unsupported grant type"));
            return;
        }
        String access = UUID.randomUUID().toString();
        String refresh = UUID.randomUUID().toString();
        accessTokens.put(access, clock.instant().plus(lifetime));
        refreshTokens.put(refresh, user);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", access);
        answer.put("token_type", "bearer");
        answer.put("refresh_token", refresh);
        answer.put("expires_in", lifetime.toSeconds());
        answer.put("scope", "read");
        t.json(200, answer);
    }

    /** Answers 401 and returns false unless the request carries a live bearer token. */
    boolean authorize(TestExchange t) throws IOException {
        String header = t.header("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            t.json(401, Map.of("error", "unauthorized",
                    "error_description", "Full authentication is required to access this resource"));
            return false;
        }
        String token = header.substring("Bearer ".length()).strip();
        Instant expiry = accessTokens.get(token);
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            // Spring echoes the token it refused; the client must not pass it on
            t.json(401, Map.of("error", "invalid_token", "error_description", "Invalid access token: " + token));
            return false;
        }
        return true;
    }
}
