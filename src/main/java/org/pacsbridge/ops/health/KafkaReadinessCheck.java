package org.pacsbridge.ops.health;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.pacsbridge.ops.kafka.KafkaClientSettings;
import org.pacsbridge.ops.kafka.TopicDurability;

import io.quarkus.runtime.StartupEvent;

/**
 * Ready only while the Kafka cluster answers and every topic the node writes keeps a record on
 * more than one broker ({@link TopicDurability}): nothing the node accepts can be made durable
 * otherwise. Logs one line when Kafka becomes unreachable and one when it is back, and one line
 * per topic that falls short (first checked at start-up).
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(KafkaReadinessCheck.class);
    static final String NAME = "kafka";

    @Inject
    KafkaClientSettings settings;

    @Inject
    Instance<ReadyLineDetail> details;

    @Inject
    TopicDurability durability;

    private final AtomicReference<Admin> admin = new AtomicReference<>();
    private volatile Boolean lastUp;
    private volatile Map<String, String> reportedShortfalls = Map.of();

    /** The first check runs at start-up, in the background, so its log lines do not wait for a probe. */
    void onStart(@Observes StartupEvent event) {
        Thread first = new Thread(this::call, "kafka-readiness-first-check");
        first.setDaemon(true);
        first.start();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("bootstrap.servers", settings.bootstrapServers());
        try {
            var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(settings.healthTimeoutMs()));
            int brokers = cluster.nodes().get(settings.healthTimeoutMs(), TimeUnit.MILLISECONDS).size();
            String clusterId = cluster.clusterId().get(settings.healthTimeoutMs(), TimeUnit.MILLISECONDS);
            transition(true, null);
            response.withData("brokers", brokers).withData("cluster.id", clusterId);
            Map<String, String> shortfalls = durability.shortfalls(admin(), settings.healthTimeoutMs());
            reportShortfalls(shortfalls);
            shortfalls.forEach((topic, reason) -> response.withData("topic." + topic, reason));
            return response.status(shortfalls.isEmpty()).build();
        } catch (ExecutionException | TimeoutException e) {
            String reason = reason(e);
            transition(false, reason);
            return response.down().withData("error", reason).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    private void transition(boolean up, String reason) {
        Boolean previous = lastUp;
        lastUp = up;
        if (previous != null && previous == up) {
            return;
        }
        if (up) {
            StringBuilder line = new StringBuilder();
            details.forEach(d -> line.append("; ").append(d.readyDetail()));
            LOG.infof("Kafka reachable at %s: node ready%s", settings.bootstrapServers(), line);
        } else {
            LOG.warnf("Kafka not reachable at %s (%s): node not ready, retrying in the background",
                    settings.bootstrapServers(), reason);
        }
    }

    private synchronized void reportShortfalls(Map<String, String> shortfalls) {
        Map<String, String> previous = reportedShortfalls;
        shortfalls.forEach((topic, reason) -> {
            if (!reason.equals(previous.get(topic))) {
                LOG.errorf("Kafka topic %s: %s; an acknowledged record could be lost with one broker: node not ready",
                        topic, reason);
            }
        });
        previous.keySet().stream().filter(t -> !shortfalls.containsKey(t))
                .forEach(t -> LOG.infof("Kafka topic %s now meets the replication thresholds", t));
        reportedShortfalls = new HashMap<>(shortfalls);
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private Admin admin() {
        Admin current = admin.get();
        if (current == null) {
            Properties props = new Properties();
            props.putAll(settings.clientProperties());
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "pacs-bridge-health");
            current = Admin.create(props);
            if (!admin.compareAndSet(null, current)) {
                current.close();
                current = admin.get();
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        Admin current = admin.getAndSet(null);
        if (current != null) {
            current.close(java.time.Duration.ofSeconds(2));
        }
    }
}
