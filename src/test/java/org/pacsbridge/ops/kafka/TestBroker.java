package org.pacsbridge.ops.kafka;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.TopicReader;

/**
 * A Kafka broker of one test class's own (the sent-once tests fence producers and hold transactions open,
 * which must not reach other classes' topics), and the clients those tests make of it.
 */
final class TestBroker implements AutoCloseable {

    private final KafkaBrokerProcess broker;
    private final Map<String, Object> client;

    private TestBroker(KafkaBrokerProcess broker) {
        this.broker = broker;
        this.client = Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    static TestBroker start(String name) throws Exception {
        return new TestBroker(KafkaBrokerResource.startBroker(Files.createTempDirectory(name),
                FreePorts.claim()));
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Connection properties of every client of this broker. */
    Map<String, Object> client() {
        return client;
    }

    KafkaProducer<String, byte[]> plainProducer() {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    KafkaProducer<String, byte[]> transactionalProducer(String transactionalId) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** A member of {@code group} subscribed to {@code topic}, one record per poll, committing nothing itself. */
    KafkaConsumer<String, String> groupConsumer(String group, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** The group's committed offset of the partition, -1 when it has none. */
    long committedOffset(String group, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(new HashMap<>(client))) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.containsKey(partition) ? offsets.get(partition).offset() : -1;
        }
    }

    String singlePartitionTopic(String name) throws Exception {
        String topic = topic(name);
        try (Admin admin = Admin.create(new HashMap<>(client))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    /**
     * The keys committed on the topic now, in order. Every publication of these tests has returned (committed,
     * aborted or fenced) before this is called, so a duplicate would already be there: no quiet spell is needed.
     */
    List<String> committedKeys(String topic) {
        return TopicReader.readAll(bootstrapServers(), topic).stream().map(ConsumerRecord::key).toList();
    }

    static ConsumerRecord<String, String> pollOne(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                return record;
            }
        }
        throw new AssertionError("no record within 30 s");
    }

    static String topic(String name) {
        return "test." + name + "." + UUID.randomUUID();
    }

    static boolean causedByFencing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        broker.close();
    }
}
