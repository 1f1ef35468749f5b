package org.pacsbridge.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.KafkaBrokerResource;
import org.pacsbridge.testing.TopicReader;

/**
 * Several replicas against one real broker: what one stable transactional id per replica and the
 * mark-order check before commit promise. Every event topic here has one partition, so an open
 * transaction anywhere in it holds back every read-committed reader.
 */
class SentOnceAcrossReplicasTest {

    private static KafkaBrokerProcess broker;
    private static Map<String, Object> client;
    private final List<KafkaIdempotentStore> stores = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBrokerResource.startBroker(Files.createTempDirectory("pacs-replicas-kafka"),
                KafkaBrokerResource.freePort());
        client = Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void stopStores() throws Exception {
        for (KafkaIdempotentStore store : stores) {
            store.stop();
        }
    }

    @Test
    void aRestartedReplicaFencesItsPredecessorAndNothingIsPublishedTwice() throws Exception {
        String marks = topic("marks");
        String events = singlePartitionTopic("events");
        String id = "pacs-bridge.node-0.sent-once." + UUID.randomUUID();
        KafkaIdempotentStore paused = store(marks, id);
        paused.publishWithMark(event(events, "before-restart"), "before-restart");

        // the replica is replaced while the old process is paused; the new one starts with the same id
        KafkaIdempotentStore restarted = store(marks, id);
        restarted.publishWithMark(event(events, "after-restart"), "after-restart");

        // the old process wakes up and finishes its work: it must not be able to commit
        IllegalStateException fenced = assertThrows(IllegalStateException.class,
                () -> paused.publishWithMark(event(events, "woken-up"), "woken-up"));
        assertTrue(causedByFencing(fenced), "fails with a fencing error: " + fenced);
        assertEquals(List.of("before-restart", "after-restart"), readCommitted(events, 2, Duration.ofSeconds(10)));

        // the input is tried again (it is still in the spool or uncommitted on its topic): one event
        paused.publishWithMark(event(events, "woken-up"), "woken-up");
        assertEquals(List.of("before-restart", "after-restart", "woken-up"), committedKeys(events), "each event once");
    }

    @Test
    void aRestartAbortsTheTransactionItsKilledPredecessorLeftOpen() throws Exception {
        String marks = topic("marks");
        String events = singlePartitionTopic("events");
        String id = "pacs-bridge.node-1.sent-once." + UUID.randomUUID();
        // the predecessor began a transaction and died before it committed or aborted; the broker
        // would keep it open for two minutes, and every read-committed reader of the partition waits
        KafkaProducer<String, byte[]> killed = abandonedTransaction(id, events);
        try {
            KafkaIdempotentStore restarted = store(marks, id);
            long start = System.nanoTime();
            restarted.publishWithMark(event(events, "after-restart"), "after-restart");
            assertEquals(List.of("after-restart"), readCommitted(events, 1, Duration.ofSeconds(15)),
                    "readers get the restarted replica's event at once, never the dead one's");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(15)) < 0);
        } finally {
            killed.close(Duration.ZERO);
        }
    }

    @Test
    void twoReplicasRacingTheSameInputPublishOneEvent() throws Exception {
        String marks = topic("marks");
        String events = singlePartitionTopic("events");
        KafkaIdempotentStore first = store(marks, "pacs-bridge.node-a.sent-once." + UUID.randomUUID());
        KafkaIdempotentStore second = store(marks, "pacs-bridge.node-b.sent-once." + UUID.randomUUID());
        List<String> inputs = new ArrayList<>();
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 12; i++) {
                String input = "1.2.826.0.1.3680043.10.543." + i;
                inputs.add(input);
                // both replicas accepted the input before either knew of the other
                assertTrue(first.add(input));
                assertTrue(second.add(input));
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Boolean> a = replicas.submit(() -> publishRacing(first, together, events, input));
                Future<Boolean> b = replicas.submit(() -> publishRacing(second, together, events, input));
                boolean publishedByA = a.get(60, TimeUnit.SECONDS);
                boolean publishedByB = b.get(60, TimeUnit.SECONDS);
                assertTrue(publishedByA ^ publishedByB, input + ": exactly one replica publishes (a=" + publishedByA
                        + ", b=" + publishedByB + ")");
                // the loser's retry of the input finds it a duplicate
                assertTrue(!first.add(input) || !second.add(input));
            }
        } finally {
            replicas.shutdownNow();
        }
        assertEquals(inputs, committedKeys(events), "one event per input");
    }

    @Test
    void theReportsOffsetCommitsWithItsEventAndAConsumerThatLostItsPartitionCannotPublish() throws Exception {
        String marks = topic("marks");
        String events = singlePartitionTopic("events");
        String reports = singlePartitionTopic("reports");
        String group = "test-reports-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = plainProducer()) {
            producer.send(event(reports, "report-1")).get(30, TimeUnit.SECONDS);
            producer.send(event(reports, "report-2")).get(30, TimeUnit.SECONDS);
        }
        KafkaIdempotentStore store = store(marks, "pacs-bridge.node-r.sent-once." + UUID.randomUUID());
        TopicPartition partition = new TopicPartition(reports, 0);

        try (KafkaConsumer<String, String> replica = groupConsumer(group, reports)) {
            ConsumerRecord<String, String> first = pollOne(replica);
            store.publishWithMark(event(events, first.key()), first.key(), new KafkaIdempotentStore.ConsumedInput(
                    Map.of(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(first.offset() + 1)),
                    replica.groupMetadata()));
            assertEquals(first.offset() + 1, committedOffset(group, partition), "the offset commits with the event");

            // a rebalance hands the partition to another replica while this one waits for X-Raydar
            ConsumerRecord<String, String> second = pollOne(replica);
            var staleMembership = replica.groupMetadata();
            replica.close(Duration.ofSeconds(5));
            try (KafkaConsumer<String, String> successor = groupConsumer(group, reports)) {
                ConsumerRecord<String, String> again = pollOne(successor);
                assertEquals(second.key(), again.key(), "the successor reads the uncommitted report again");
                assertThrows(IllegalStateException.class, () -> store.publishWithMark(event(events, second.key()),
                        second.key(), new KafkaIdempotentStore.ConsumedInput(Map.of(partition,
                                new org.apache.kafka.clients.consumer.OffsetAndMetadata(second.offset() + 1)),
                                staleMembership)));
                assertEquals(List.of(first.key()), committedKeys(events),
                        "the replica that lost the partition published nothing");
            }
        }
    }

    private static KafkaProducer<String, byte[]> plainProducer() {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static KafkaConsumer<String, String> groupConsumer(String group, String topic) {
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

    private static ConsumerRecord<String, String> pollOne(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                return record;
            }
        }
        throw new AssertionError("no record within 30 s");
    }

    private static long committedOffset(String group, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(new HashMap<>(client))) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.containsKey(partition) ? offsets.get(partition).offset() : -1;
        }
    }

    private static boolean publishRacing(KafkaIdempotentStore store, CyclicBarrier together, String events,
            String input) throws Exception {
        together.await(30, TimeUnit.SECONDS);
        try {
            store.publishWithMark(event(events, input), input);
            return true;
        } catch (AlreadyPublishedException lost) {
            assertEquals(input, lost.key());
            return false;
        }
    }

    private KafkaIdempotentStore store(String marks, String transactionalId) throws Exception {
        KafkaIdempotentStore store = new KafkaIdempotentStore(marks, transactionalId, client, Duration.ofSeconds(30),
                Duration.ofDays(1), 256);
        stores.add(store);
        store.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(store::isCaughtUp);
        return store;
    }

    private static ProducerRecord<String, byte[]> event(String topic, String key) {
        return new ProducerRecord<>(topic, key, ("{\"input\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, byte[]> abandonedTransaction(String transactionalId, String topic)
            throws Exception {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 120_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props);
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(event(topic, "never-committed")).get(30, TimeUnit.SECONDS);
        return producer;
    }

    private static boolean causedByFencing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private static String topic(String name) {
        return "test." + name + "." + UUID.randomUUID();
    }

    private static String singlePartitionTopic(String name) throws Exception {
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
    private static List<String> committedKeys(String topic) {
        return TopicReader.readAll(broker.bootstrapServers(), topic).stream().map(ConsumerRecord::key).toList();
    }

    /** The keys a read-committed consumer gets from the topic within the time, at most {@code max}. */
    private static List<String> readCommitted(String topic, int max, Duration within) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && keys.size() < max) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }
}
