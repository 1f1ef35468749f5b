package org.pacsbridge.findings;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jboss.logging.Logger;
import org.pacsbridge.home.NodeHome;
import org.pacsbridge.ops.kafka.KafkaClientSettings;
import org.pacsbridge.ops.kafka.KafkaTopics;
import org.pacsbridge.ops.kafka.TopicProvisioner;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the study correlation topology for the node's lifetime. Every replica runs it with the
 * same application id: Kafka gives each replica a share of the studies, and when one replica
 * goes away another takes its studies over, state and all, from the changelog.
 */
@ApplicationScoped
public class StudyCorrelation {

    private static final Logger LOG = Logger.getLogger(StudyCorrelation.class);

    @Inject
    FindingsConfig findings;

    @Inject
    KafkaTopics topics;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    TopicProvisioner topicProvisioner;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private volatile KafkaStreams streams;
    private volatile Thread starter;
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent event) {
        if (!config().enabled()) {
            LOG.info("Study correlation is off (pacs.findings.correlation.enabled=false)");
            return;
        }
        // refuse a bad rule configuration at start-up, not at the first event
        DiscrepancyRules rules = DiscrepancyRules.from(findings.alerts());
        starter = new Thread(() -> start(rules), "study-correlation-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void start(DiscrepancyRules rules) {
        // the inputs must exist with the same partition count before the topology can run
        if (!topicProvisioner.awaitTopics(List.of(topics.findingsCv(), topics.findingsNlp(), topics.findingsStudy(), topics.alerts()), () -> stopping)) {
            return;
        }
        FrontalViews frontal = new FrontalViews(Set.copyOf(config().frontalViews()), config().unknownViewIsFrontal());
        var topology = StudyCorrelationTopology.build(
                new StudyCorrelationTopology.Topics(topics.findingsCv(), topics.findingsNlp(),
                        topics.findingsStudy(), topics.alerts(), topics.deadletter()),
                rules, frontal, config().window(), config().expiryScanInterval(), json, new CorrelationMetrics(registry));
        KafkaStreams started = new KafkaStreams(topology, properties());
        started.setUncaughtExceptionHandler(e -> {
            LOG.errorf(e, "Study correlation thread failed; it is replaced and the work it had is processed again");
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        started.setStateListener((now, before) -> LOG.infof("Study correlation %s -> %s", before, now));
        synchronized (this) {
            if (stopping) {
                return;
            }
            streams = started;
            started.start();
        }
        LOG.infof("Study correlation started (application id %s, window %s, alerts on %s)", config().applicationId(),
                config().window(), rules.watchedFindings());
    }

    private Properties properties() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config().applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, NodeHome.resolve(config().stateDir()).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config().processingGuarantee());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) config().sessionTimeout().toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(1000, config().sessionTimeout().toMillis() / 5));
        // a new group reads the findings topics from their start, so no event published before is missed
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }

    /** The correlation's state, or null while it is off or not yet started. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    public boolean enabled() {
        return config().enabled();
    }

    void onStop(@Observes ShutdownEvent event) {
        KafkaStreams current;
        synchronized (this) {
            stopping = true;
            current = streams;
        }
        if (current != null) {
            current.close(Duration.ofSeconds(20));
        }
    }

    private CorrelationConfig config() {
        return findings.correlation();
    }
}
