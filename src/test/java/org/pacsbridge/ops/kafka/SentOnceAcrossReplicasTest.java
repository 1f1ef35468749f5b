package org.pacsbridge.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several replicas against one real broker: what one stable transactional id per replica and the
 * mark-order check before commit promise. Every event topic here has one partition, so an open
 * transaction anywhere in it holds back every read-committed reader.
 */
class SentOnceAcrossReplicasTest {

    private static TestBroker kafka;
    private final List<KafkaIdempotentStore> stores = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = TestBroker.start("pacs-replicas-kafka");
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
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
        String marks = TestBroker.topic("marks");
        String events = kafka.singlePartitionTopic("events");
        String id = "pacs-bridge.node-0.sent-once." + UUID.randomUUID();
        KafkaIdempotentStore paused = store(marks, id);
        paused.publishWithMark(event(events, "before-restart"), "before-restart");

        // the replica is replaced while the old process is paused; the new one starts with the same id
        KafkaIdempotentStore restarted = store(marks, id);
        restarted.publishWithMark(event(events, "after-restart"), "after-restart");

        // the old process wakes up and finishes its work: it must not be able to commit
        IllegalStateException fenced = assertThrows(IllegalStateException.class,
                () -> paused.publishWithMark(event(events, "woken-up"), "woken-up"));
        assertTrue(TestBroker.causedByFencing(fenced), "fails with a fencing error: " + fenced);
        assertEquals(List.of("before-restart", "after-restart"), readCommitted(events, 2, Duration.ofSeconds(10)));

        // the input is tried again (it is still in the spool or uncommitted on its topic): one event
        paused.publishWithMark(event(events, "woken-up"), "woken-up");
        assertEquals(List.of("before-restart", "after-restart", "woken-up"), kafka.committedKeys(events), "each event once");
    }

    @Test
    void aRestartAbortsTheTransactionItsKilledPredecessorLeftOpen() throws Exception {
        String marks = TestBroker.topic("marks");
        String events = kafka.singlePartitionTopic("events");
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
        String marks = TestBroker.topic("marks");
        String events = kafka.singlePartitionTopic("events");
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
        assertEquals(inputs, kafka.committedKeys(events), "one event per input");
    }

    @Test
    void theReportsOffsetCommitsWithItsEventAndAConsumerThatLostItsPartitionCannotPublish() throws Exception {
        String marks = TestBroker.topic("marks");
        String events = kafka.singlePartitionTopic("events");
        String reports = kafka.singlePartitionTopic("reports");
        String group = "test-reports-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = kafka.plainProducer()) {
            producer.send(event(reports, "report-1")).get(30, TimeUnit.SECONDS);
            producer.send(event(reports, "report-2")).get(30, TimeUnit.SECONDS);
        }
        KafkaIdempotentStore store = store(marks, "pacs-bridge.node-r.sent-once." + UUID.randomUUID());
        TopicPartition partition = new TopicPartition(reports, 0);

        try (KafkaConsumer<String, String> replica = kafka.groupConsumer(group, reports)) {
            ConsumerRecord<String, String> first = TestBroker.pollOne(replica);
            store.publishWithMark(event(events, first.key()), first.key(), new KafkaIdempotentStore.ConsumedInput(
                    Map.of(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(first.offset() + 1)),
                    replica.groupMetadata()));
            assertEquals(first.offset() + 1, kafka.committedOffset(group, partition), "the offset commits with the event");

            // a rebalance hands the partition to another replica while this one waits for X-Raydar
            ConsumerRecord<String, String> second = TestBroker.pollOne(replica);
            var staleMembership = replica.groupMetadata();
            replica.close(Duration.ofSeconds(5));
            try (KafkaConsumer<String, String> successor = kafka.groupConsumer(group, reports)) {
                ConsumerRecord<String, String> again = TestBroker.pollOne(successor);
                assertEquals(second.key(), again.key(), "the successor reads the uncommitted report again");
                assertThrows(IllegalStateException.class, () -> store.publishWithMark(event(events, second.key()),
                        second.key(), new KafkaIdempotentStore.ConsumedInput(Map.of(partition,
                                new org.apache.kafka.clients.consumer.OffsetAndMetadata(second.offset() + 1)),
                                staleMembership)));
                assertEquals(List.of(first.key()), kafka.committedKeys(events),
                        "the replica that lost the partition published nothing");
            }
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
        KafkaIdempotentStore store = new KafkaIdempotentStore(marks, transactionalId, kafka.client(), Duration.ofSeconds(30),
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
        Map<String, Object> props = new HashMap<>(kafka.client());
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

    /** The keys a read-committed consumer gets from the topic within the time, at most {@code max}. */
    private static List<String> readCommitted(String topic, int max, Duration within) {
        Properties props = new Properties();
        props.putAll(kafka.client());
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
