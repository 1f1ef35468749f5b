package org.pacsbridge.tcia;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The {@code pacs.tcia.*} settings (documented in config/application.properties). */
@ConfigMapping(prefix = "pacs.tcia")
public interface TciaConfig {

    /** {@code v2}, {@code nbia-v1}, {@code nbia-v2} or {@code nbia-v4}. */
    @WithDefault("nbia-v4")
    String api();

    /** v2: {@code production} or {@code test}; picks the default base URL. */
    @WithDefault("production")
    String server();

    /** Overrides the interface's documented base URL. */
    @WithName("base-url")
    Optional<String> baseUrl();

    /** v2 {@code api_key}; secret. */
    @WithName("api-key")
    Optional<String> apiKey();

    @WithName("api-key-in-query")
    @WithDefault("false")
    boolean apiKeyInQuery();

    /** OAuth user for NBIA v2 (default {@code nbia_guest}) and, optionally, v4. */
    Optional<String> username();

    /** OAuth password; secret. */
    Optional<String> password();

    @WithName("token-url")
    @WithDefault("https://services.cancerimagingarchive.net/nbia-api/oauth/token")
    String tokenUrl();

    @WithName("client-id")
    @WithDefault("nbiaRestAPIClient")
    String clientId();

    /** OAuth client secret; secret. */
    @WithName("client-secret")
    Optional<String> clientSecret();

    @WithName("token-scope")
    Optional<String> tokenScope();

    @WithName("token-refresh-margin")
    @WithDefault("60s")
    Duration tokenRefreshMargin();

    @WithName("max-concurrent-requests")
    @WithDefault("2")
    int maxConcurrentRequests();

    @WithName("request-delay")
    @WithDefault("500ms")
    Duration requestDelay();

    @WithName("max-attempts")
    @WithDefault("4")
    int maxAttempts();

    @WithName("initial-backoff")
    @WithDefault("10s")
    Duration initialBackoff();

    @WithName("max-backoff")
    @WithDefault("2m")
    Duration maxBackoff();

    @WithName("connect-timeout")
    @WithDefault("10s")
    Duration connectTimeout();

    @WithName("read-timeout")
    @WithDefault("120s")
    Duration readTimeout();

    /** Largest answer read into memory, in bytes (JSON answers; image downloads are streamed). */
    @WithName("max-answer-size")
    int maxAnswerSize();

    /** Limits for unpacking getImage archives. */
    Zip zip();

    /** The collections the reference sync keeps on the catalogue topic. */
    @WithDefault("COVID-19-NY-SBU,COVID-19-AR,MIDRC-RICORD-1C")
    List<String> collections();

    /** The modalities of those collections that are synced. */
    @WithDefault("CR,DX")
    List<String> modalities();

    /** Quartz cron expression of the scheduled sync (second minute hour day-of-month month day-of-week). */
    @WithDefault("0 0 3 * * ?")
    String schedule();

    /** How often a sync lists the collections in full instead of asking for updates; only a full listing removes series. */
    @WithName("full-sync-every")
    @WithDefault("7d")
    Duration fullSyncEvery();

    /** {@code pacs.tcia.sync.*}. */
    Sync sync();

    /** {@code pacs.tcia.images.*}: optional reference images through X-Raydar-CV. */
    Images images();

    /** {@code pacs.tcia.sync.*}. */
    interface Sync {
        /** Runs the sync on {@code pacs.tcia.schedule}; the on-demand trigger works either way. */
        @WithDefault("false")
        boolean enabled();
    }

    /** {@code pacs.tcia.images.*}. */
    interface Images {
        @WithDefault("false")
        boolean enabled();

        /** Most bytes the reference image directory may hold; a series is fetched only if its size fits. */
        @WithName("byte-budget")
        @WithDefault("1073741824")
        long byteBudget();

        /** Where the reference series are kept, one directory per Series Instance UID; relative to the node's home. */
        @WithDefault("data/tcia")
        String dir();
    }

    /** {@code pacs.tcia.zip.*}. */
    interface Zip {
        @WithName("max-entries")
        @WithDefault("10000")
        int maxEntries();

        @WithName("max-total-bytes")
        @WithDefault("4294967296")
        long maxTotalBytes();

        @WithName("max-compression-ratio")
        @WithDefault("100")
        int maxCompressionRatio();
    }
}
