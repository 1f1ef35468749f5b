package org.pacsbridge.results.delivery;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code pacs.results.*} settings: what the node returns to the PACS. */
@ConfigMapping(prefix = "pacs.results")
public interface ResultsSettings {

    Sr sr();

    /** {@code pacs.results.sr.*}: the findings SR stored into the image's study. */
    interface Sr {

        /** Read by routes/results-sr.yaml (autoStartup) and checked at start; default in config/application.properties. */
        boolean enabled();

        /** Where SRs are stored: {@code dicom:AET@host:port}, like {@code pacs.forward.uri}. */
        Optional<String> destination();

        /** The Kafka consumer group reading the CV findings topic for SRs; default in config/application.properties. */
        String groupId();

        /** The engine's version in the SR when the findings event names none; part of the SR's SOP Instance UID. */
        @WithDefault("unspecified")
        String engineVersion();

        /** The algorithm's maker, named in the SR as the observing device's manufacturer. */
        @WithDefault("X-Raydar")
        String engineManufacturer();

        /** Attempts to store one SR while the PACS fails transiently; then it is dead-lettered. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }
}
