package org.pacsbridge.tcia;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Header;
import org.jboss.logging.Logger;
import org.pacsbridge.ops.kafka.CompactedTopic;
import org.pacsbridge.ops.kafka.KafkaClientSettings;
import org.pacsbridge.ops.kafka.KafkaConfig;
import org.pacsbridge.ops.kafka.KafkaTopicException;
import org.pacsbridge.ops.kafka.KafkaTopics;

import io.quarkus.runtime.StartupEvent;

/**
 * The route's entry to the catalogue sync ({@code routes/tcia-sync.yaml}): builds it from the
 * configuration, lets one run at a time through, and remembers how the last one went.
 */
@ApplicationScoped
@Named("tciaSync")
public class TciaSyncService {

    /** Header of {@code direct:tcia-sync}: {@code true} asks for a full listing. */
    public static final String FULL_HEADER = "pacs.tcia.full";
    private static final Logger LOG = Logger.getLogger(TciaSyncService.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    TciaConfig config;

    @Inject
    TciaSyncSource client;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    TciaSyncMetrics metrics;

    @Inject
    KafkaTopics topics;

    @Inject
    KafkaConfig kafkaConfig;

    private final ReentrantLock running = new ReentrantLock();
    private TciaCatalogueSync sync;
    private volatile TciaSyncReport lastReport;
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;

    @PostConstruct
    void create() {
        TciaSettings settings = TciaBeans.settings(config);
        sync = new TciaCatalogueSync(client, settings.baseUrl(), scope(config),
                topic(topics.tciaSeries()), topic(topics.tciaSyncState()), config.fullSyncEvery(), Clock.systemUTC(), metrics);
    }

    /** With the schedule on, the last success is read back at start so that metrics and readiness know it. */
    void readStateAtStart(@Observes StartupEvent event) {
        if (!config.sync().enabled()) {
            return;
        }
        Thread reader = new Thread(() -> {
            try {
                sync.readState();
            } catch (KafkaTopicException | RuntimeException e) {
                LOG.debugf("TCIA sync state not read at start: %s", e.getMessage());
            }
        }, "tcia-sync-state");
        reader.setDaemon(true);
        reader.start();
    }

    /** One run; a second caller while it runs gets {@link TciaSyncBusyException}. */
    public TciaSyncReport run(@Header(FULL_HEADER) Boolean full) throws TciaException, KafkaTopicException {
        if (!running.tryLock()) {
            throw new TciaSyncBusyException();
        }
        try {
            TciaSyncReport report = sync.run(Boolean.TRUE.equals(full));
            lastReport = report;
            return report;
        } catch (TciaException | KafkaTopicException | RuntimeException e) {
            lastFailureAt = Instant.now();
            lastFailure = e.getMessage();
            if (e instanceof RuntimeException) {
                metrics.error(TciaSyncMetrics.INTERNAL);
            }
            throw e;
        } finally {
            running.unlock();
        }
    }

    public boolean isRunning() {
        return running.isLocked();
    }

    public TciaSyncStatus status() {
        Instant lastSuccess = metrics.lastSuccess().orElse(null);
        TciaSyncReport report = lastReport;
        Instant failedAt = lastFailureAt;
        return new TciaSyncStatus(config.sync().enabled(), config.schedule(), isRunning(),
                lastSuccess == null ? null : lastSuccess.toString(),
                lastSuccess == null ? null : Duration.between(lastSuccess, Instant.now()).toSeconds(),
                report == null ? null : report.toString(),
                failedAt == null ? null : failedAt.toString(),
                failedAt == null ? null : lastFailure,
                report == null ? null : report.catalogue().size());
    }

    static TciaSyncScope scope(TciaConfig config) {
        return new TciaSyncScope(TciaApi.fromConfig(config.api()), config.collections(), config.modalities());
    }

    private CompactedTopic topic(String name) {
        return new CompactedTopic(name, kafka.clientProperties(), kafkaConfig.createTopics(), KAFKA_TIMEOUT);
    }
}
