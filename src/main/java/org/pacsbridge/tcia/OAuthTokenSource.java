package org.pacsbridge.tcia;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import org.pacsbridge.tcia.TciaException.Kind;

/**
 * Bearer tokens from the NBIA OAuth token endpoint (Spring OAuth2 until 2023, Keycloak after; both
 * answer {@code access_token}, {@code token_type}, {@code expires_in} and a {@code refresh_token}).
 *
 * <p>The first token comes from the password grant. A token is renewed {@code tokenRefreshMargin}
 * before it expires (at most half its lifetime before): with the {@code refresh_token} grant while
 * the refresh token is valid, else with the password grant again. Tokens, password and client secret
 * are registered with the {@link Redactor} and never logged.
 */
final class OAuthTokenSource {

    static final String ENDPOINT = "oauth/token";

    private static final Logger LOG = Logger.getLogger(OAuthTokenSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TciaSettings settings;
    private final TciaHttp http;
    private final Clock clock;
    private final Redactor redactor;
    private Token token;

    OAuthTokenSource(TciaSettings settings, TciaHttp http, Clock clock, Redactor redactor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        if (settings.username() == null) {
            throw new IllegalArgumentException("bearer tokens need a username");
        }
    }

    /** A token valid for at least the refresh margin (or half its lifetime), fetched if needed. */
    synchronized String accessToken() throws TciaException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.renewAt())) {
            return token.accessToken();
        }
        if (token != null && token.refreshToken() != null && now.isBefore(token.refreshExpiresAt())) {
            try {
                token = request(refreshGrant(token.refreshToken()), "refresh_token");
                LOG.debugf("TCIA bearer token refreshed; valid for %s", token.lifetime());
                return token.accessToken();
            } catch (TciaException e) {
                if (e.isTransient()) {
                    throw e;
                }
                LOG.infof("TCIA token refresh refused (%s); signing in again", e.kind());
            }
        }
        token = request(passwordGrant(), "password");
        LOG.debugf("TCIA bearer token obtained; valid for %s", token.lifetime());
        return token.accessToken();
    }

    /** Forgets the access token (the server rejected it); the refresh token is still tried next. */
    synchronized void invalidate() {
        if (token != null) {
            token = new Token(token.accessToken(), Instant.MIN, token.lifetime(), token.refreshToken(),
                    token.refreshExpiresAt());
        }
    }

    private QueryString passwordGrant() {
        QueryString form = QueryString.create()
                .add("grant_type", "password")
                .add("username", settings.username())
                .add("password", settings.password());
        return withClient(form).add("scope", settings.tokenScope());
    }

    private QueryString refreshGrant(String refreshToken) {
        return withClient(QueryString.create()
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken));
    }

    private QueryString withClient(QueryString form) {
        return form.add("client_id", settings.clientId()).add("client_secret", settings.clientSecret());
    }

    private Token request(QueryString form, String grant) throws TciaException {
        TciaAnswer answer;
        try {
            answer = http.exchange(TciaRequest.postForm(ENDPOINT, settings.tokenUrl(), QueryString.create(), form),
                    TciaAuth.NONE);
        } catch (TciaException e) {
            if (e.kind() == Kind.BAD_REQUEST || e.kind() == Kind.UNAUTHORIZED) {
                // OAuth answers bad credentials with 400 invalid_grant or 401
                TciaException refused = new TciaException(Kind.UNAUTHORIZED, ENDPOINT, "the " + grant
                        + " grant was refused", e.httpStatus().isPresent() ? e.httpStatus().getAsInt() : null,
                        e.bodyExcerpt(), null, e);
                throw refused.withAttempts(e.attempts());
            }
            throw e;
        }
        return parse(answer);
    }

    private Token parse(TciaAnswer answer) throws TciaException {
        JsonNode node;
        try {
            node = answer.isEmpty() ? null : JSON.readTree(answer.body());
        } catch (Exception e) {
            throw malformed("not JSON (content type " + answer.contentType() + ")");
        }
        if (node == null || !node.isObject()) {
            throw malformed("expected a JSON object");
        }
        JsonNode access = node.get("access_token");
        if (access == null || !access.isTextual() || access.asText().isBlank()) {
            throw malformed("no access_token");
        }
        JsonNode type = node.get("token_type");
        if (type != null && !"bearer".equalsIgnoreCase(type.asText())) {
            throw malformed("token_type is '" + type.asText() + "', expected bearer");
        }
        String accessToken = access.asText();
        redactor.add(accessToken);
        String refreshToken = node.hasNonNull("refresh_token") ? node.get("refresh_token").asText() : null;
        redactor.add(refreshToken);
        Instant now = clock.instant();
        Duration lifetime = seconds(node, "expires_in");
        Duration refreshLifetime = seconds(node, "refresh_expires_in");
        Instant renewAt;
        if (lifetime == null) {
            renewAt = Instant.MAX; // no expiry given: used until the server rejects it
            lifetime = Duration.ZERO;
        } else {
            Duration margin = settings.tokenRefreshMargin();
            Duration half = lifetime.dividedBy(2);
            renewAt = now.plus(lifetime).minus(margin.compareTo(half) > 0 ? half : margin);
        }
        Instant refreshExpiresAt = refreshLifetime == null || refreshLifetime.isZero() ? Instant.MAX
                : now.plus(refreshLifetime);
        return new Token(accessToken, renewAt, lifetime, refreshToken, refreshExpiresAt);
    }

    private static Duration seconds(JsonNode node, String key) throws TciaException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.canConvertToLong() && value.isIntegralNumber() || value.isTextual() && value.asText().matches("\\d{1,9}")) {
            long seconds = value.asLong();
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        }
        throw malformed(key + " is not a number of seconds");
    }

    private static TciaException malformed(String what) {
        // never with a body excerpt: the body holds the token
        return new TciaException(Kind.MALFORMED_RESPONSE, ENDPOINT, "token answer unusable: " + what);
    }

    private record Token(String accessToken, Instant renewAt, Duration lifetime, String refreshToken,
            Instant refreshExpiresAt) {
        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }
}
