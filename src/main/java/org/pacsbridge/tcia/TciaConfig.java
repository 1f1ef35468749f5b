package org.pacsbridge.tcia;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The {@code pacs.tcia.*} settings (documented in config/application.properties). */
@ConfigMapping(prefix = "pacs.tcia")
public interface TciaConfig {

    /** {@code v2}, {@code nbia-v1}, {@code nbia-v2} or {@code nbia-v4}. */
    String api();

    /** v2: {@code production} or {@code test}; picks the default base URL. */
    String server();

    /** Overrides the interface's documented base URL. */
    Optional<String> baseUrl();

    /** v2 {@code api_key}; secret. */
    Optional<String> apiKey();

    boolean apiKeyInQuery();

    /** OAuth user for NBIA v2 (default {@code nbia_guest}) and, optionally, v4. */
    Optional<String> username();

    /** OAuth password; secret. */
    Optional<String> password();

    String tokenUrl();

    String clientId();

    /** OAuth client secret; secret. */
    Optional<String> clientSecret();

    Optional<String> tokenScope();

    Duration tokenRefreshMargin();

    int maxConcurrentRequests();

    Duration requestDelay();

    int maxAttempts();

    Duration initialBackoff();

    Duration maxBackoff();

    Duration connectTimeout();

    Duration readTimeout();

    /** Largest answer read into memory, in bytes (JSON answers; image downloads are streamed). */
    int maxAnswerSize();

    /** Limits for unpacking getImage archives. */
    Zip zip();

    /** The collections the reference sync keeps on the catalogue topic. */
    List<String> collections();

    /** The modalities of those collections that are synced. */
    List<String> modalities();

    /** Quartz cron expression of the scheduled sync (second minute hour day-of-month month day-of-week). */
    String schedule();

    /** How often a sync lists the collections in full instead of asking for updates; only a full listing removes series. */
    Duration fullSyncEvery();

    /** {@code pacs.tcia.sync.*}. */
    Sync sync();

    /** {@code pacs.tcia.images.*}: optional reference images through X-Raydar-CV. */
    Images images();

    /** {@code pacs.tcia.sync.*}. */
    interface Sync {
        /** Runs the sync on {@code pacs.tcia.schedule}; the on-demand trigger works either way. */
        boolean enabled();
    }

    /** {@code pacs.tcia.images.*}. */
    interface Images {
        boolean enabled();

        /** Most bytes the reference image directory may hold; a series is fetched only if its size fits. */
        long byteBudget();

        /** Where the reference series are kept, one directory per Series Instance UID; relative to the node's home. */
        String dir();
    }

    /** {@code pacs.tcia.zip.*}. */
    interface Zip {
        int maxEntries();

        long maxTotalBytes();

        int maxCompressionRatio();
    }
}
