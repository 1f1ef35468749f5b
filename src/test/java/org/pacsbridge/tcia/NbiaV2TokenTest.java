package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.pacsbridge.tcia.TciaException.Kind;

/** NBIA v2: the same endpoints as v1 behind OAuth bearer tokens (password grant, refresh before expiry). */
class NbiaV2TokenTest {

    private static TciaTestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TciaTestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static TciaClient client(TciaSettings.Builder settings) {
        return TciaClients.create(settings.build(), null, server.clock);
    }

    private static TciaSettings.Builder alice() {
        return TestSettings.fast(server, TciaApi.NBIA_V2).username(OAuthTokenServer.USER)
                .password(OAuthTokenServer.PASSWORD);
    }

    private static String bearer(TciaTestServer.Received request) {
        String header = request.header("Authorization");
        assertTrue(header != null && header.startsWith("Bearer "), "expected a bearer token, got " + header);
        return header.substring("Bearer ".length());
    }

    @Test
    void firstCallSignsInWithThePasswordGrantAndReusesTheToken() throws Exception {
        try (TciaClient client = client(alice())) {
            assertEquals(3, client.getCollectionValues().size());
            assertEquals(1, client.getSeries(TciaSeriesQuery.inCollection(TciaTestData.LIDC)).size());
        }
        assertEquals(List.of("password"), server.oauth.grants());
        TciaTestServer.Received token = server.last("/oauth/token");
        assertEquals("POST", token.method());
        assertEquals("password", token.form().get("grant_type"));
        assertEquals(OAuthTokenServer.USER, token.form().get("username"));
        assertEquals(OAuthTokenServer.PASSWORD, token.form().get("password"));
        assertEquals("nbiaRestAPIClient", token.form().get("client_id"));
        assertTrue(token.query().isEmpty(), "credentials travel in the body, never in the URL");
        String first = bearer(server.last("/getCollectionValues"));
        assertEquals(first, bearer(server.last("/getSeries")));
        assertEquals("/nbia-api/services/v2/getSeries", server.last("/getSeries").path());
    }

    @Test
    void withoutAUserTheGuestAccountIsUsed() throws Exception {
        try (TciaClient client = client(TestSettings.fast(server, TciaApi.NBIA_V2))) {
            assertEquals(List.of("CR", "DX", "CT"), client.getModalityValues(TciaTestData.SBU, null));
        }
        TciaTestServer.Received token = server.last("/oauth/token");
        assertEquals(TciaSettings.GUEST_USER, token.form().get("username"));
        assertEquals("", token.form().get("password"));
    }

    @Test
    void theTokenIsRefreshedBeforeItExpires() throws Exception {
        server.oauth.lifetime(Duration.ofSeconds(600));
        try (TciaClient client = client(alice().tokenRefreshMargin(Duration.ofSeconds(60)))) {
            client.getCollectionValues();
            String first = bearer(server.last("/getCollectionValues"));

            server.clock.advance(Duration.ofSeconds(500)); // 100 s left: still outside the margin
            client.getCollectionValues();
            assertEquals(first, bearer(server.last("/getCollectionValues")));
            assertEquals(List.of("password"), server.oauth.grants());

            server.clock.advance(Duration.ofSeconds(50)); // 50 s left: inside the margin
            client.getCollectionValues();
            String second = bearer(server.last("/getCollectionValues"));
            assertNotEquals(first, second);
            assertEquals(List.of("password", "refresh_token"), server.oauth.grants());
            assertEquals("refresh_token", server.last("/oauth/token").form().get("grant_type"));
        }
        assertTrue(server.received().stream().noneMatch(r -> r.path().endsWith("/getCollectionValues")
                && r.header("Authorization") == null), "no API call went without a token");
        assertEquals(3, server.received().stream().filter(r -> !r.path().endsWith("/oauth/token")).count(),
                "no call was rejected and repeated: the token was renewed in time");
    }

    @Test
    void aShortLivedTokenIsRenewedAtHalfItsLifetime() throws Exception {
        server.oauth.lifetime(Duration.ofSeconds(60));
        try (TciaClient client = client(alice().tokenRefreshMargin(Duration.ofMinutes(5)))) {
            client.getCollectionValues();
            server.clock.advance(Duration.ofSeconds(20));
            client.getCollectionValues();
            assertEquals(List.of("password"), server.oauth.grants(), "a 5 min margin on a 60 s token would renew always");
            server.clock.advance(Duration.ofSeconds(15));
            client.getCollectionValues();
            assertEquals(List.of("password", "refresh_token"), server.oauth.grants());
        }
    }

    @Test
    void aTokenTheServerForgotIsReplacedOnceAndTheCallRepeated() throws Exception {
        try (TciaClient client = client(alice())) {
            client.getCollectionValues();
            server.oauth.forgetAccessTokens(); // e.g. the server restarted
            assertEquals(3, client.getCollectionValues().size());
        }
        assertEquals(List.of("password", "refresh_token"), server.oauth.grants());
        List<TciaTestServer.Received> calls = server.received("/getCollectionValues");
        assertEquals(3, calls.size(), "first call, rejected call, repeated call");
        assertNotEquals(bearer(calls.get(1)), bearer(calls.get(2)));
    }

    @Test
    void whenTheRefreshTokenIsRefusedTheClientSignsInAgain() throws Exception {
        server.oauth.lifetime(Duration.ofSeconds(100));
        try (TciaClient client = client(alice().tokenRefreshMargin(Duration.ofSeconds(10)))) {
            client.getCollectionValues();
            server.oauth.reset(); // forgets refresh tokens as well
            server.clock.advance(Duration.ofSeconds(95));
            client.getCollectionValues();
        }
        assertEquals(List.of("refresh_token", "password"), server.oauth.grants());
    }

    @Test
    void badCredentialsAreUnauthorizedAndTheMessageHoldsNoSecret() {
        try (TciaClient client = client(alice().password("wrong-password-123"))) {
            TciaException e = assertThrows(TciaException.class, client::getCollectionValues);
            assertEquals(Kind.UNAUTHORIZED, e.kind());
            assertEquals("oauth/token", e.endpoint());
            assertEquals(400, e.httpStatus().getAsInt());
            assertTrue(e.getMessage().contains("invalid_grant: Bad credentials"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-password-123"));
            assertFalse(e.isTransient());
        }
        assertTrue(server.received("/getCollectionValues").isEmpty(), "no API call without a token");
    }

    @Test
    void aRejectedFreshTokenIsNotRetriedForeverAndItsEchoIsRedacted() throws Exception {
        try (TciaClient client = client(alice())) {
            client.getCollectionValues();
            String token = bearer(server.last("/getCollectionValues"));
            server.fail("/getSeries", TciaTestServer.Fault.status(401, "application/json",
                    "{\"error\":\"invalid_token\",\"error_description\":\"Invalid access token: " + token + "\"}"),
                    TciaTestServer.Fault.status(401, "application/json",
                            "{\"error\":\"invalid_token\",\"error_description\":\"Invalid access token: x\"}"));
            TciaException e = assertThrows(TciaException.class,
                    () -> client.getSeries(TciaSeriesQuery.inCollection(TciaTestData.SBU)));
            assertEquals(Kind.UNAUTHORIZED, e.kind());
            assertEquals(2, server.received("/getSeries").size(), "one renewal, then give up");
            assertFalse(e.getMessage().contains(token), e.getMessage());
        }
    }

    @Test
    void nbiaV2WithoutATokenIsRejectedByTheDouble() throws Exception {
        // the double's own check, which the tests above rely on
        try (TciaClient v1 = TciaClients.create(TestSettings.shipped(TciaApi.NBIA_V1)
                .baseUrl(server.baseUrl(TciaApi.NBIA_V2)).maxAttempts(1).requestDelay(Duration.ZERO).build())) {
            TciaException e = assertThrows(TciaException.class, v1::getCollectionValues);
            assertEquals(Kind.UNAUTHORIZED, e.kind());
            assertTrue(e.getMessage().contains("Full authentication is required"), e.getMessage());
        }
    }

    @Test
    void v4UsesATokenOnlyWhenAUserIsConfigured() throws Exception {
        try (TciaClient anonymous = client(TestSettings.fast(server, TciaApi.NBIA_V4))) {
            anonymous.getCollectionValues();
        }
        assertEquals(null, server.last("/getCollectionValues").header("Authorization"));
        try (TciaClient signedIn = client(TestSettings.fast(server, TciaApi.NBIA_V4).username(OAuthTokenServer.USER)
                .password(OAuthTokenServer.PASSWORD))) {
            signedIn.getCollectionValues();
        }
        bearer(server.last("/getCollectionValues"));
        assertEquals(List.of("password"), server.oauth.grants());
    }
}
