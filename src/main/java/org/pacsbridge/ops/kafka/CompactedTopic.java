package org.pacsbridge.ops.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * A compacted topic used as a durable key-value table: {@link #readAll} reads it from the beginning
 * to its current end (the latest value per key, tombstones removing keys), {@link #write} publishes
 * values and tombstones ({@code null}) and returns once every record is acknowledged by all in-sync
 * replicas. Each call opens its own client, so an instance holds no connection between calls.
 */
public final class CompactedTopic {

    private static final Logger LOG = Logger.getLogger(CompactedTopic.class);

    private final String topic;
    private final Map<String, Object> clientProperties;
    private final boolean createIfMissing;
    private final Duration timeout;

    /**
     * @param createIfMissing create the topic ({@code cleanup.policy=compact}) when it does not exist;
     *                        otherwise a missing topic fails the call
     * @param timeout         how long one call may wait for the cluster
     */
    public CompactedTopic(String topic, Map<String, Object> clientProperties, boolean createIfMissing, Duration timeout) {
        this.topic = topic;
        this.clientProperties = Map.copyOf(clientProperties);
        this.createIfMissing = createIfMissing;
        this.timeout = timeout;
    }

    public String name() {
        return topic;
    }

    /** Every key with its latest value, in the order first met. */
    public Map<String, String> readAll() throws KafkaTopicException {
        ensureExists();
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, String> values = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> partitions = partitions(consumer, deadline);
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            while (!assigned.stream().allMatch(tp -> consumer.position(tp, timeout) >= end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaTopicException("Reading " + topic + " to its end took longer than " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        values.remove(record.key());
                    } else {
                        values.put(record.key(), record.value());
                    }
                }
            }
        } catch (KafkaException e) {
            throw new KafkaTopicException("Reading " + topic + " failed: " + e.getMessage(), e);
        }
        return values;
    }

    /** A topic just created may take a moment to show its partitions in the metadata. */
    private List<PartitionInfo> partitions(KafkaConsumer<String, String> consumer, long deadline)
            throws KafkaTopicException {
        while (true) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions != null && !partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaTopicException("Topic " + topic + " has no partitions");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaTopicException("Interrupted while waiting for the partitions of " + topic, e);
            }
        }
    }

    /**
     * Publishes the records in order; a {@code null} value is a tombstone. Returns once all are acknowledged.
     *
     * @throws KafkaTopicException when any record is not acknowledged in time; some may have been written
     */
    public void write(Map<String, String> records) throws KafkaTopicException {
        if (records.isEmpty()) {
            return;
        }
        ensureExists();
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeoutMs);
        int requestTimeoutMs = Math.min(timeoutMs, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        // must cover linger.ms + request.timeout.ms
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMs, requestTimeoutMs + 5_000));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<?>> sent = new ArrayList<>(records.size());
            records.forEach((key, value) -> sent.add(producer.send(new ProducerRecord<>(topic, key, value))));
            producer.flush();
            for (Future<?> future : sent) {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new KafkaTopicException("Writing to " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaTopicException("Kafka did not acknowledge the records for " + topic + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTopicException("Interrupted while writing to " + topic, e);
        } catch (KafkaException e) {
            throw new KafkaTopicException("Writing to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    private void ensureExists() throws KafkaTopicException {
        try (Admin admin = Admin.create(new HashMap<>(clientProperties))) {
            if (admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            if (!createIfMissing) {
                throw new KafkaTopicException("Topic " + topic + " does not exist and pacs.kafka.create-topics=false;"
                        + " create it with cleanup.policy=compact");
            }
            NewTopic compacted = new NewTopic(topic, Optional.empty(), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(compacted)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Created the compacted topic %s", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaTopicException("Cannot check or create " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new KafkaTopicException("Kafka did not answer within " + timeout + " (topic " + topic + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTopicException("Interrupted while checking " + topic, e);
        } catch (KafkaException e) {
            throw new KafkaTopicException("Cannot check or create " + topic + ": " + e.getMessage(), e);
        }
    }
}
