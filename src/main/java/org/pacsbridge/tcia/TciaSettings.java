package org.pacsbridge.tcia;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a TCIA client needs, in plain Java (the CDI producer fills it from {@code pacs.tcia.*}).
 *
 * <p>Politeness: at most {@code maxConcurrentRequests} requests are open at once (an image download
 * holds its slot until its stream is closed) and request starts are at least {@code requestDelay}
 * apart. Rate limiting (429), 5xx, timeouts and broken connections are retried up to
 * {@code maxAttempts} attempts in all, waiting {@code min(maxBackoff, initialBackoff * 2^(n-1))}
 * (up to a fifth shorter, at random) after failed attempt {@code n}, or longer if {@code Retry-After}
 * asks (see {@link org.pacsbridge.failure.Backoff}); a server that asks for more than
 * {@code maxBackoff} gets no retry and the caller sees the wait in {@link TciaException#retryAfter()}.
 *
 * @param api                   which interface to speak
 * @param baseUrl               e.g. {@code https://services.cancerimagingarchive.net/services/v2} (v2, resources
 *                              {@code /TCIA} and {@code /SharedList} below it) or
 *                              {@code https://nbia.cancerimagingarchive.net/nbia-api/services/v4} (NBIA)
 * @param apiKey                v2: the {@code api_key}; {@code null} sends none (TCIA later ignored it)
 * @param apiKeyInQuery         v2: send the key as query parameter instead of the {@code api_key} header
 * @param username              NBIA v2 (required, defaults to the guest user) and v4 (optional): OAuth user
 * @param password              OAuth password; may be empty for the guest user
 * @param tokenUrl              OAuth token endpoint (password and refresh_token grants)
 * @param clientId              OAuth {@code client_id}
 * @param clientSecret          OAuth {@code client_secret}; {@code null} sends none
 * @param tokenScope            OAuth {@code scope} (e.g. {@code openid} for Keycloak); {@code null} sends none
 * @param tokenRefreshMargin    a token is renewed this long before it expires
 * @param maxConcurrentRequests requests open at once
 * @param requestDelay          least time between the starts of two requests
 * @param maxAttempts           HTTP attempts per call, the first included
 * @param initialBackoff        wait after the first failed attempt
 * @param maxBackoff            longest wait between attempts, and longest {@code Retry-After} honoured
 * @param connectTimeout        TCP/TLS connect timeout
 * @param readTimeout           how long an answer may take (JSON: complete; image: headers, then the
 *                              longest silence while streaming)
 */
public record TciaSettings(
        TciaApi api,
        URI baseUrl,
        String apiKey,
        boolean apiKeyInQuery,
        String username,
        String password,
        URI tokenUrl,
        String clientId,
        String clientSecret,
        String tokenScope,
        Duration tokenRefreshMargin,
        int maxConcurrentRequests,
        Duration requestDelay,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAnswerBytes) {

    /** The public guest account of NBIA v2. */
    public static final String GUEST_USER = "nbia_guest";

    public TciaSettings {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        requireHttp(baseUrl, "baseUrl");
        requireHttp(tokenUrl, "tokenUrl");
        requireNotNegative(tokenRefreshMargin, "tokenRefreshMargin");
        requireNotNegative(requestDelay, "requestDelay");
        requireNotNegative(initialBackoff, "initialBackoff");
        requireNotNegative(maxBackoff, "maxBackoff");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        if (maxAnswerBytes < 1) {
            throw new IllegalArgumentException("maxAnswerBytes must be positive");
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        apiKey = blankToNull(apiKey);
        username = blankToNull(username);
        clientSecret = blankToNull(clientSecret);
        tokenScope = blankToNull(tokenScope);
        if (api == TciaApi.NBIA_V2 && username == null) {
            username = GUEST_USER;
        }
        if (password == null) {
            password = "";
        }
        String path = baseUrl.getPath();
        if (path != null && path.endsWith("/")) {
            baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        }
    }

    /**
     * Settings for {@code api}, on its production server unless {@link Builder#baseUrl} says otherwise.
     * Every other value must be set: the defaults are {@code pacs.tcia.*} in config/application.properties.
     */
    public static Builder builder(TciaApi api) {
        return new Builder(api);
    }

    /** Whether requests carry a bearer token from the OAuth token endpoint. */
    public boolean usesBearerTokens() {
        return api == TciaApi.NBIA_V2 || (api == TciaApi.NBIA_V4 && username != null);
    }

    /** Secrets stay out of logs and messages. */
    @Override
    public String toString() {
        return "TciaSettings[api=" + api.configName() + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "none" : "***") + ", apiKeyInQuery=" + apiKeyInQuery
                + ", username=" + (username == null ? "none" : "set") + ", password=" + (password.isEmpty() ? "empty" : "***")
                + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "none" : "***") + ", tokenScope=" + tokenScope
                + ", tokenRefreshMargin=" + tokenRefreshMargin + ", maxConcurrentRequests=" + maxConcurrentRequests
                + ", requestDelay=" + requestDelay + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void requireHttp(URI uri, String name) {
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http or https URL: " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must not have a query or fragment: " + uri);
        }
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more");
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Collects the settings; {@link #build()} refuses a value left unset. */
    public static final class Builder {
        private final TciaApi api;
        private URI baseUrl;
        private String apiKey;
        private boolean apiKeyInQuery;
        private String username;
        private String password = "";
        private URI tokenUrl;
        private String clientId;
        private String clientSecret;
        private String tokenScope;
        private Duration tokenRefreshMargin;
        private int maxConcurrentRequests;
        private Duration requestDelay;
        private int maxAttempts;
        private Duration initialBackoff;
        private Duration maxBackoff;
        private Duration connectTimeout;
        private Duration readTimeout;
        private int maxAnswerBytes;

        private Builder(TciaApi api) {
            this.api = Objects.requireNonNull(api, "api");
            this.baseUrl = api.defaultBaseUrl(TciaServer.PRODUCTION);
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder apiKeyInQuery(boolean apiKeyInQuery) {
            this.apiKeyInQuery = apiKeyInQuery;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder tokenUrl(URI tokenUrl) {
            this.tokenUrl = tokenUrl;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder tokenScope(String tokenScope) {
            this.tokenScope = tokenScope;
            return this;
        }

        public Builder tokenRefreshMargin(Duration tokenRefreshMargin) {
            this.tokenRefreshMargin = tokenRefreshMargin;
            return this;
        }

        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        public Builder requestDelay(Duration requestDelay) {
            this.requestDelay = requestDelay;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** Largest answer read into memory (JSON, token, error bodies); not image downloads. */
        public Builder maxAnswerBytes(int maxAnswerBytes) {
            this.maxAnswerBytes = maxAnswerBytes;
            return this;
        }

        public TciaSettings build() {
            return new TciaSettings(api, baseUrl, apiKey, apiKeyInQuery, username, password, tokenUrl, clientId,
                    clientSecret, tokenScope, tokenRefreshMargin, maxConcurrentRequests, requestDelay, maxAttempts,
                    initialBackoff, maxBackoff, connectTimeout, readTimeout, maxAnswerBytes);
        }
    }
}
