package org.pacsbridge.xraydar;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code pacs.xraydar.*} settings (documented in config/application.properties and the README). */
@ConfigMapping(prefix = "pacs.xraydar")
public interface XraydarConfig {

    String cvUrl();

    String nlpUrl();

    /** The 16-character key; secret. */
    Optional<String> apiKey();

    /** A file holding the key (a mounted Kubernetes Secret); used when {@code api-key} is not set. */
    Optional<String> apiKeyFile();

    boolean deidentify();

    Optional<String> deidentifySalt();

    /** How long "already sent" is remembered. */
    Duration idempotencyRetention();

    Cv cv();

    Algorithm nlp();

    Simulator simulator();

    /** Per-algorithm call settings. */
    interface Algorithm {
        boolean enabled();

        Duration connectTimeout();

        Duration readTimeout();

        /** Largest answer read (bytes); larger answers are a contract failure. */
        int maxAnswerSize();

        int maxConcurrentCalls();

        int maxAttempts();

        Duration initialBackoff();

        Duration maxBackoff();

        int circuitFailureThreshold();

        Duration circuitOpenDuration();
    }

    /** CV call settings, and which images count as chest radiographs. */
    interface Cv extends Algorithm {
        List<String> modalities();

        List<String> bodyParts();

        String chestDescriptionPattern();

        boolean includeLateral();

        boolean acceptUnknownView();

        /** What happens to an image that may carry burned-in text; default in config/application.properties. */
        BurnedInAnnotationPolicy burnedInAnnotation();

        /** Modalities whose images are taken to carry burned-in text when (0028,0301) is absent. */
        Optional<List<String>> burnedInAnnotationAssumedModalities();

        /** SOP classes whose images are taken to carry burned-in text when (0028,0301) is absent. */
        Optional<List<String>> burnedInAnnotationAssumedSopClasses();
    }

    /** {@code pacs.xraydar.cv.burned-in-annotation}: refuse (dead-letter) or send such images. */
    enum BurnedInAnnotationPolicy {
        REFUSE,
        SEND
    }

    /** The demo stand-in for X-Raydar. */
    interface Simulator {
        boolean enabled();

        int port();

        /** {@code nlp}: /api/nlp answers in the NLP model's 45 labels without urgency; {@code cv}: in the CV keys. */
        @WithDefault("nlp")
        String nlpVocabulary();
    }
}
