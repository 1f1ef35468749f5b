package org.pacsbridge.xraydar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.spi.IdempotentRepository;
import org.jboss.logging.Logger;
import org.pacsbridge.home.NodeHome;
import org.pacsbridge.ops.kafka.KafkaClientSettings;
import org.pacsbridge.ops.kafka.KafkaIdempotentStore;
import org.pacsbridge.ops.kafka.KafkaTopics;
import org.pacsbridge.ops.kafka.TransactionalIds;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires the X-Raydar clients (pointed at the demo's simulator when one runs) and the shared
 * "already sent" repository from the configuration.
 */
@ApplicationScoped
public class XraydarBeans {

    private static final Logger LOG = Logger.getLogger(XraydarBeans.class);

    /**
     * The stand-in answering instead of X-Raydar, when the configuration runs one (the demo's
     * simulator, {@code pacs.xraydar.simulator.enabled}); looked up, so that none is made otherwise.
     */
    @Produces
    @Singleton
    SimulatorHandle simulator(Instance<XraydarStandIn> standIn) {
        if (!standIn.isResolvable()) {
            return new SimulatorHandle(Optional.empty());
        }
        XraydarStandIn running = standIn.get();
        LOG.warnf("X-Raydar SIMULATOR listening on %s: findings made through it are simulated, not model output",
                running.baseUrl());
        return new SimulatorHandle(Optional.of(running));
    }

    @Produces
    @Named("cvClient")
    @Singleton
    XraydarClient cvClient(XraydarConfig config, SimulatorHandle simulator, MeterRegistry registry) {
        String url = simulator.simulator().map(s -> s.baseUrl() + XraydarStandIn.CV_PATH).orElse(config.cvUrl());
        return new XraydarClient(endpoint("cv", url, config.cv()), key(config), registry, null);
    }

    @Produces
    @Named("nlpClient")
    @Singleton
    XraydarClient nlpClient(XraydarConfig config, SimulatorHandle simulator, MeterRegistry registry) {
        String url = simulator.simulator().map(s -> s.baseUrl() + XraydarStandIn.NLP_PATH).orElse(config.nlpUrl());
        return new XraydarClient(endpoint("nlp", url, config.nlp()), key(config), registry, null);
    }

    void closeClient(@Disposes @Named("cvClient") XraydarClient client) {
        client.close();
    }

    void closeNlpClient(@Disposes @Named("nlpClient") XraydarClient client) {
        client.close();
    }

    @Produces
    @Singleton
    ChestRadiographFilter chestRadiographFilter(XraydarConfig config) {
        XraydarConfig.Cv cv = config.cv();
        return new ChestRadiographFilter(cv.modalities(), cv.bodyParts(), Pattern.compile(cv.chestDescriptionPattern()),
                cv.includeLateral(), cv.acceptUnknownView());
    }

    /**
     * What was already sent to X-Raydar (SOP Instance UIDs, report versions), kept in a Kafka
     * topic that every replica reads, so that each is sent once across the cluster.
     */
    @Produces
    @Named("xraydarIdempotentRepository")
    @Singleton
    KafkaIdempotentStore idempotentRepository(KafkaClientSettings kafka, XraydarConfig config,
            TransactionalIds transactionalIds, KafkaTopics topics) {
        return new KafkaIdempotentStore(topics.xraydarIdempotency(), transactionalIds.sentOnce(), kafka.clientProperties(),
                java.time.Duration.ofSeconds(30), config.idempotencyRetention(), kafka.publishBatchMax());
    }

    /**
     * The same store for images: a dead-lettered image sent again (the modality resends it) is
     * sent to X-Raydar again; only an event settles it.
     */
    @Produces
    @Named("cvIdempotentRepository")
    @Singleton
    IdempotentRepository cvIdempotentRepository(@Named("xraydarIdempotentRepository") KafkaIdempotentStore store) {
        return store.unlessEvent();
    }

    private static XraydarEndpoint endpoint(String name, String url, XraydarConfig.Algorithm settings) {
        return XraydarEndpoint.builder(name, URI.create(url))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .maxAnswerBytes(settings.maxAnswerSize())
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxAttempts(settings.maxAttempts())
                .initialBackoff(settings.initialBackoff())
                .maxBackoff(settings.maxBackoff())
                .failureThreshold(settings.circuitFailureThreshold())
                .openDuration(settings.circuitOpenDuration())
                .build();
    }

    /** The key from the configuration or the Secret file; read once, never logged. */
    private static Supplier<String> key(XraydarConfig config) {
        Optional<String> key = config.apiKey().map(String::strip).filter(k -> !k.isEmpty())
                .or(() -> config.apiKeyFile().map(XraydarBeans::readKeyFile));
        return () -> key.orElse(null);
    }

    private static String readKeyFile(String file) {
        Path path = NodeHome.resolve(file);
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the X-Raydar key file " + path, e);
        }
    }

    /** The stand-in (the demo's simulator), when the configuration runs one. */
    public record SimulatorHandle(Optional<XraydarStandIn> simulator) {
    }
}
