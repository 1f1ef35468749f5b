package org.pacsbridge.xraydar;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The {@code pacs.xraydar.*} settings (documented in config/application.properties and the README). */
@ConfigMapping(prefix = "pacs.xraydar")
public interface XraydarConfig {

    @WithName("cv-url")
    @WithDefault("https://x-raydar.info/api/cv")
    String cvUrl();

    @WithName("nlp-url")
    @WithDefault("https://x-raydar.info/api/nlp")
    String nlpUrl();

    /** The 16-character key; secret. */
    @WithName("api-key")
    Optional<String> apiKey();

    /** A file holding the key (a mounted Kubernetes Secret); used when {@code api-key} is not set. */
    @WithName("api-key-file")
    Optional<String> apiKeyFile();

    @WithDefault("true")
    boolean deidentify();

    @WithName("deidentify-salt")
    Optional<String> deidentifySalt();

    /** How long "already sent" is remembered. */
    @WithName("idempotency-retention")
    @WithDefault("30d")
    Duration idempotencyRetention();

    Cv cv();

    Algorithm nlp();

    Simulator simulator();

    /** Per-algorithm call settings. */
    interface Algorithm {
        @WithDefault("true")
        boolean enabled();

        @WithName("connect-timeout")
        @WithDefault("5s")
        Duration connectTimeout();

        @WithName("read-timeout")
        @WithDefault("10s")
        Duration readTimeout();

        @WithName("max-concurrent-calls")
        @WithDefault("8")
        int maxConcurrentCalls();

        @WithName("max-attempts")
        @WithDefault("4")
        int maxAttempts();

        @WithName("initial-backoff")
        @WithDefault("500ms")
        Duration initialBackoff();

        @WithName("max-backoff")
        @WithDefault("30s")
        Duration maxBackoff();

        @WithName("circuit-failure-threshold")
        @WithDefault("5")
        int circuitFailureThreshold();

        @WithName("circuit-open-duration")
        @WithDefault("30s")
        Duration circuitOpenDuration();
    }

    /** CV call settings, and which images count as chest radiographs. */
    interface Cv extends Algorithm {
        @WithDefault("CR,DX")
        List<String> modalities();

        @WithName("body-parts")
        @WithDefault("CHEST,THORAX")
        List<String> bodyParts();

        @WithName("chest-description-pattern")
        @WithDefault("(?i)\\b(chest|thorax|thoracic|cxr|lungs?)\\b")
        String chestDescriptionPattern();

        @WithName("include-lateral")
        @WithDefault("false")
        boolean includeLateral();

        @WithName("accept-unknown-view")
        @WithDefault("true")
        boolean acceptUnknownView();

        /** What happens to an image that may carry burned-in text; default in config/application.properties. */
        @WithName("burned-in-annotation")
        BurnedInAnnotationPolicy burnedInAnnotation();

        /** Modalities whose images are taken to carry burned-in text when (0028,0301) is absent. */
        @WithName("burned-in-annotation-assumed-modalities")
        Optional<List<String>> burnedInAnnotationAssumedModalities();

        /** SOP classes whose images are taken to carry burned-in text when (0028,0301) is absent. */
        @WithName("burned-in-annotation-assumed-sop-classes")
        Optional<List<String>> burnedInAnnotationAssumedSopClasses();
    }

    /** {@code pacs.xraydar.cv.burned-in-annotation}: refuse (dead-letter) or send such images. */
    enum BurnedInAnnotationPolicy {
        REFUSE,
        SEND
    }

    /** The demo stand-in for X-Raydar. */
    interface Simulator {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("8089")
        int port();

        /** {@code nlp}: /api/nlp answers in the NLP model's 45 labels without urgency; {@code cv}: in the CV keys. */
        @WithDefault("nlp")
        String nlpVocabulary();
    }
}
