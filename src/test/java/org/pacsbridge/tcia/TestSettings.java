package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Client settings for the tests: every value set, as the shipped configuration sets it, or fast. */
final class TestSettings {

    private TestSettings() {
    }

    /** The values config/application.properties ships, for tests that change one or two of them. */
    static TciaSettings.Builder shipped(TciaApi api) {
        try {
            TciaConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(Path.of("config", "application.properties").toUri().toURL(), 250))
                    .withSources(new PropertiesConfigSource(Map.of("pacs.tcia.api", api.configName()), "test", 500))
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withMapping(TciaConfig.class)
                    .build().getConfigMapping(TciaConfig.class);
            return TciaBeans.builder(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For the test double: no pacing delay, short backoffs and timeouts. */
    static TciaSettings.Builder fast(TciaTestServer server, TciaApi api) {
        return shipped(api)
                .baseUrl(server.baseUrl(api))
                .tokenUrl(server.tokenUrl())
                .requestDelay(Duration.ZERO)
                .maxConcurrentRequests(4)
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(3));
    }
}
