package org.pacsbridge.ops.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * Makes sure topics exist before a client that cannot work without them starts: creates the
 * missing ones (with {@code pacs.kafka.topic-partitions} partitions, or as many as the topics
 * already there have, so that keys meet in the same partition number on every topic), and waits,
 * retrying, while the cluster cannot be reached.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    @Inject
    KafkaClientSettings kafka;

    @Inject
    KafkaConfig config;

    /**
     * Returns true once every topic exists with one partition count; false if {@code stop} said
     * to give up first. Different partition counts are logged as an error and waited out.
     */
    public boolean awaitTopics(List<String> topics, BooleanSupplier stop) {
        long delay = 1000;
        String reported = null;
        while (!stop.getAsBoolean()) {
            try {
                Optional<String> problem = ensure(topics);
                if (problem.isEmpty()) {
                    return true;
                }
                if (!problem.get().equals(reported)) {
                    LOG.error(problem.get());
                    reported = problem.get();
                }
            } catch (ExecutionException | TimeoutException e) {
                String problem = "Kafka topics " + topics + " cannot be checked yet ("
                        + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + "); retrying";
                if (!problem.equals(reported)) {
                    LOG.warn(problem);
                    reported = problem;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            delay = Math.min(delay * 2, 30_000);
        }
        return false;
    }

    private Optional<String> ensure(List<String> topics) throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("request.timeout.ms", kafka.healthTimeoutMs());
        props.put("default.api.timeout.ms", kafka.healthTimeoutMs());
        try (Admin admin = Admin.create(props)) {
            Map<String, Integer> existing = describe(admin, topics);
            List<String> missing = new ArrayList<>(topics);
            missing.removeAll(existing.keySet());
            if (!missing.isEmpty()) {
                if (!config.createTopics()) {
                    return Optional.of("Kafka topics " + missing + " do not exist and pacs.kafka.create-topics=false;"
                            + " create them with the partition count of " + existing);
                }
                int count = existing.values().stream().findFirst().orElse(config.topicPartitions());
                List<NewTopic> create = missing.stream()
                        .map(t -> new NewTopic(t, Optional.of(count), Optional.empty())).toList();
                try {
                    admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("Created Kafka topics %s with %d partitions", missing, count);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                existing = describe(admin, topics);
            }
            if (existing.values().stream().distinct().count() > 1) {
                if (!config.createTopics()) {
                    return Optional.of("Kafka topics must have the same number of partitions so that one study's"
                            + " events meet; found " + existing);
                }
                raisePartitions(admin, existing);
                existing = describe(admin, topics);
            }
            return existing.keySet().containsAll(topics) ? Optional.empty()
                    : Optional.of("Kafka topics still missing: " + topics);
        }
    }

    /**
     * Gives every topic as many partitions as the one with most. Needed when a topic was
     * auto-created by the broker (with its default count) before this node created its siblings.
     * Keys already written to a raised topic may now map to another partition: said in the log.
     */
    private static void raisePartitions(Admin admin, Map<String, Integer> existing)
            throws ExecutionException, TimeoutException, InterruptedException {
        int target = existing.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        Map<String, NewPartitions> raise = new HashMap<>();
        existing.forEach((topic, count) -> {
            if (count < target) {
                raise.put(topic, NewPartitions.increaseTo(target));
            }
        });
        admin.createPartitions(raise).all().get(30, TimeUnit.SECONDS);
        LOG.warnf("Raised the partitions of Kafka topics %s to %d so that they match %s; keys written before may"
                + " have moved partition", raise.keySet(), target, existing);
    }

    private static Map<String, Integer> describe(Admin admin, List<String> topics)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, Integer> found = new HashMap<>();
        var futures = admin.describeTopics(topics).topicNameValues();
        for (var entry : futures.entrySet()) {
            try {
                TopicDescription description = entry.getValue().get(30, TimeUnit.SECONDS);
                found.put(entry.getKey(), description.partitions().size());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return found;
    }
}
