package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * The {@code pacs.tcia} mapping read from the node's own config/application.properties, as Quarkus
 * reads it: every key there must be known to the mapping, or the node would not start.
 */
class TciaConfigTest {

    private static final Path PROPERTIES = Path.of("config", "application.properties");

    private static SmallRyeConfig config(Map<String, String> overrides) throws IOException {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(PROPERTIES.toUri().toURL(), 250))
                .withSources(new PropertiesConfigSource(overrides, "overrides", 500))
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "10s", "500ms", "2m"
                .withMapping(TciaConfig.class)
                .build();
    }

    @Test
    void theShippedDefaultsMatchTheMappingAndGiveThePoliteNbiaV4Client() throws IOException {
        TciaConfig tcia = config(Map.of()).getConfigMapping(TciaConfig.class);
        TciaSettings settings = TciaBeans.settings(tcia);
        assertEquals(TciaApi.NBIA_V4, settings.api());
        assertEquals(URI.create("https://nbia.cancerimagingarchive.net/nbia-api/services/v4"), settings.baseUrl());
        assertFalse(settings.usesBearerTokens());
        assertEquals(2, settings.maxConcurrentRequests());
        assertEquals(Duration.ofMillis(500), settings.requestDelay());
        assertEquals(4, settings.maxAttempts());
        assertEquals(Duration.ofSeconds(10), settings.initialBackoff());
        assertEquals(Duration.ofMinutes(2), settings.maxBackoff());
        assertEquals(Duration.ofSeconds(120), settings.readTimeout());
        assertEquals(Duration.ofSeconds(60), settings.tokenRefreshMargin());
        assertEquals(URI.create("https://services.cancerimagingarchive.net/nbia-api/oauth/token"), settings.tokenUrl());
        assertEquals(10_000, tcia.zip().maxEntries());
        assertEquals(4L * 1024 * 1024 * 1024, tcia.zip().maxTotalBytes());
        assertEquals(100, tcia.zip().maxCompressionRatio());
    }

    @Test
    void theV2TestServerWithTheKeyInTheQuery() throws IOException {
        TciaConfig tcia = config(Map.of("pacs.tcia.api", "v2", "pacs.tcia.server", "test",
                "pacs.tcia.api-key", "abc-123", "pacs.tcia.api-key-in-query", "true")).getConfigMapping(TciaConfig.class);
        TciaSettings settings = TciaBeans.settings(tcia);
        assertEquals(TciaApi.V2, settings.api());
        assertEquals(URI.create("https://services-test.cancerimagingarchive.net/services/v2"), settings.baseUrl());
        assertEquals("abc-123", settings.apiKey());
        assertTrue(settings.apiKeyInQuery());
    }

    @Test
    void nbiaV2WithAUserAndABaseUrl() throws IOException {
        TciaConfig tcia = config(Map.of("pacs.tcia.api", "NBIA-V2", "pacs.tcia.username", "alice",
                "pacs.tcia.password", "pw", "pacs.tcia.base-url", "http://mirror.example/nbia-api/services/v2/",
                "pacs.tcia.token-scope", "openid")).getConfigMapping(TciaConfig.class);
        TciaSettings settings = TciaBeans.settings(tcia);
        assertEquals(TciaApi.NBIA_V2, settings.api());
        assertEquals(URI.create("http://mirror.example/nbia-api/services/v2"), settings.baseUrl());
        assertTrue(settings.usesBearerTokens());
        assertEquals("openid", settings.tokenScope());
        assertEquals("nbiaRestAPIClient", settings.clientId());
    }

    @Test
    void anUnknownKeyUnderThePrefixFailsAsItWouldAtStartup() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> config(Map.of("pacs.tcia.no-such-setting", "false")));
        assertTrue(e.getMessage().contains("pacs.tcia.no-such-setting"), e.getMessage());
    }

    @Test
    void badValuesNameTheirKey() throws IOException {
        TciaConfig unknownApi = config(Map.of("pacs.tcia.api", "v3")).getConfigMapping(TciaConfig.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TciaBeans.settings(unknownApi));
        assertTrue(e.getMessage().startsWith("pacs.tcia.api: unknown TCIA interface 'v3'"), e.getMessage());

        TciaConfig noTestServer = config(Map.of("pacs.tcia.server", "test")).getConfigMapping(TciaConfig.class);
        e = assertThrows(IllegalArgumentException.class, () -> TciaBeans.settings(noTestServer));
        assertTrue(e.getMessage().contains("pacs.tcia.base-url"), e.getMessage());
    }

    @Test
    void theClientsBuilderHasNoDefaultsOfItsOwn() {
        // the defaults live in config/application.properties only: a value left unset is refused, not guessed
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TciaSettings.builder(TciaApi.NBIA_V4).tokenUrl(URI.create("https://token.example/"))
                        .clientId("client").build());
        assertTrue(e.getMessage().startsWith("tokenRefreshMargin"), e.getMessage());
        assertEquals("tokenUrl",
                assertThrows(NullPointerException.class, () -> TciaSettings.builder(TciaApi.NBIA_V4).build()).getMessage());
    }
}
