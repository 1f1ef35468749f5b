package org.pacsbridge.ops.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether the topics the node writes (every {@code pacs.topic.*}) keep an acknowledged record on
 * more than one broker: {@code acks=all} waits only for the in-sync replicas, so with one replica,
 * or {@code min.insync.replicas=1}, a record the node acknowledged to a sender lives in one broker's
 * memory until it is flushed, and is lost with that broker.
 */
@ApplicationScoped
public class TopicDurability {

    static final String TOPIC_PREFIX = "pacs.topic.";

    @Inject
    KafkaConfig kafka;

    int minReplicationFactor;

    int minInsyncReplicas;

    @PostConstruct
    void readThresholds() {
        minReplicationFactor = kafka.minReplicationFactor();
        minInsyncReplicas = kafka.minInsyncReplicas();
    }

    /** The names of the topics the node writes, from the configuration. */
    public List<String> topics() {
        var config = ConfigProvider.getConfig();
        TreeSet<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(TOPIC_PREFIX)) {
                config.getOptionalValue(property, String.class).filter(s -> !s.isBlank()).ifPresent(names::add);
            }
        }
        return List.copyOf(names);
    }

    /**
     * Topic name → why it falls short, for each existing topic that does; topics not created yet
     * are checked once they exist.
     */
    public Map<String, String> shortfalls(Admin admin, long timeoutMs)
            throws ExecutionException, TimeoutException, InterruptedException {
        return shortfalls(admin, topics(), timeoutMs);
    }

    /** As {@link #shortfalls(Admin, long)}, for the given topics. */
    public Map<String, String> shortfalls(Admin admin, List<String> topics, long timeoutMs)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        for (var entry : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                TopicDescription description = entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                replicas.put(entry.getKey(), description.partitions().stream()
                        .mapToInt(p -> replicationFactor(p)).min().orElse(0));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        if (replicas.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = new ArrayList<>();
        replicas.keySet().forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        Map<String, String> shortfalls = new LinkedHashMap<>();
        replicas.forEach((topic, factor) -> {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            int minInsync = entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value());
            shortfall(factor, minInsync).ifPresent(reason -> shortfalls.put(topic, reason));
        });
        return shortfalls;
    }

    private static int replicationFactor(TopicPartitionInfo partition) {
        return partition.replicas().size();
    }

    /** Why a topic with these settings falls short of the thresholds, or empty. */
    Optional<String> shortfall(int replicationFactor, int minInsync) {
        if (replicationFactor < minReplicationFactor) {
            return Optional.of("replication factor " + replicationFactor + " < " + minReplicationFactor
                    + " (pacs.kafka.min-replication-factor)");
        }
        if (minInsync < minInsyncReplicas) {
            return Optional.of("min.insync.replicas " + minInsync + " < " + minInsyncReplicas
                    + " (pacs.kafka.min-insync-replicas)");
        }
        if (minInsync > replicationFactor) {
            return Optional.of("min.insync.replicas " + minInsync + " > replication factor " + replicationFactor
                    + ": every acks=all write fails");
        }
        return Optional.empty();
    }
}
