package org.pacsbridge.tcia;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/** Creates the TCIA client and the archive unpacker from {@code pacs.tcia.*}. */
@ApplicationScoped
public class TciaBeans {

    private static final Logger LOG = Logger.getLogger(TciaBeans.class);

    @Produces
    @Singleton
    TciaClient tciaClient(TciaConfig config) {
        TciaSettings settings = settings(config);
        LOG.infof("TCIA client: %s at %s", settings.api().configName(), settings.baseUrl());
        return TciaClients.create(settings);
    }

    void closeTciaClient(@Disposes TciaClient client) {
        client.close();
    }

    @Produces
    @Singleton
    TciaZipUnpacker tciaZipUnpacker(TciaConfig config) {
        TciaConfig.Zip zip = config.zip();
        return new TciaZipUnpacker(new TciaZipLimits(zip.maxEntries(), zip.maxTotalBytes(), zip.maxCompressionRatio()));
    }

    /** The plain settings for {@code config}; fails with the offending key's name on a bad value. */
    static TciaSettings settings(TciaConfig config) {
        return builder(config).build();
    }

    /** A builder holding every value of {@code config}. */
    static TciaSettings.Builder builder(TciaConfig config) {
        TciaApi api = TciaApi.fromConfig(config.api());
        TciaServer server = TciaServer.fromConfig(config.server());
        URI baseUrl = config.baseUrl().filter(s -> !s.isBlank()).map(s -> uri("pacs.tcia.base-url", s))
                .orElseGet(() -> api.defaultBaseUrl(server));
        return TciaSettings.builder(api)
                .baseUrl(baseUrl)
                .apiKey(config.apiKey().orElse(null))
                .apiKeyInQuery(config.apiKeyInQuery())
                .username(config.username().orElse(null))
                .password(config.password().orElse(""))
                .tokenUrl(uri("pacs.tcia.token-url", config.tokenUrl()))
                .clientId(config.clientId())
                .clientSecret(config.clientSecret().orElse(null))
                .tokenScope(config.tokenScope().orElse(null))
                .tokenRefreshMargin(config.tokenRefreshMargin())
                .maxConcurrentRequests(config.maxConcurrentRequests())
                .requestDelay(config.requestDelay())
                .maxAttempts(config.maxAttempts())
                .initialBackoff(config.initialBackoff())
                .maxBackoff(config.maxBackoff())
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .maxAnswerBytes(config.maxAnswerSize());
    }

    private static URI uri(String key, String value) {
        try {
            return URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL", e);
        }
    }
}
