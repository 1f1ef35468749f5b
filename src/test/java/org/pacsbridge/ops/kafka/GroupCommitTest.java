package org.pacsbridge.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pacsbridge.ops.kafka.KafkaIdempotentStore.Outcome;
import org.pacsbridge.testing.TopicReader;

/**
 * Group commit of the sent-once store against a real broker: concurrent publications share
 * transactions, and sharing one never costs a publication its once-only guarantee.
 *
 * <p>To put chosen publications into one batch, a test holds the writer in its mark check: another
 * producer keeps a transaction open on the (single-partition) marks topic, so read committed cannot
 * reach the writer's own marks until that transaction ends; what queues meanwhile is the next batch.
 */
class GroupCommitTest {

    private static TestBroker kafka;
    private final List<KafkaIdempotentStore> stores = new ArrayList<>();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = TestBroker.start("pacs-group-commit-kafka");
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopStores() throws Exception {
        workers.shutdownNow();
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        for (KafkaIdempotentStore store : stores) {
            store.stop();
        }
    }

    @Test
    void concurrentPublicationsShareTransactionsAndEachEventIsOutOnce() throws Exception {
        String marks = TestBroker.topic("marks");
        String events = TestBroker.topic("events");
        KafkaIdempotentStore store = store(marks, 256);
        int threads = 64;
        int each = 4;
        List<String> keys = publishConcurrently(store, events, threads, each);

        assertEquals(sorted(keys), sorted(kafka.committedKeys(events)), "every event once");
        KafkaIdempotentStore otherReplica = store(marks, 256);
        for (String key : keys) {
            assertTrue(otherReplica.hasEvent(key), "the mark of " + key + " is on the topic");
        }
        long transactions = store.committedTransactions();
        assertTrue(transactions >= 1 && transactions <= keys.size() / 4,
                keys.size() + " publications took " + transactions + " transactions");
    }

    @Test
    void theSameKeyFromManyThreadsAndTwoReplicasYieldsOneEvent() throws Exception {
        String marks = TestBroker.topic("marks");
        String events = TestBroker.topic("events");
        KafkaIdempotentStore first = store(marks, 256);
        KafkaIdempotentStore second = store(marks, 256);
        for (int round = 0; round < 3; round++) {
            String shared = "1.2.826.0.1.3680043.10.543.shared." + round;
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> sharedResults = new ArrayList<>();
            List<Future<Boolean>> ownResults = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                KafkaIdempotentStore store = t % 2 == 0 ? first : second;
                String own = shared + ".own." + t;
                // half publish an input of their own first: the shared one meets batches at different times
                boolean ownFirst = t % 4 >= 2;
                sharedResults.add(workers.submit(() -> {
                    go.await();
                    if (ownFirst) {
                        store.publishWithMark(event(events, own), own);
                    }
                    return publishedOrAlready(store, events, shared);
                }));
                ownResults.add(workers.submit(() -> {
                    go.await();
                    return publishedOrAlready(store, events, own + ".b");
                }));
            }
            go.countDown();
            int published = 0;
            for (Future<Boolean> result : sharedResults) {
                published += result.get(120, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, published, shared + ": one publication wins, the others are told it is out");
            for (Future<Boolean> result : ownResults) {
                assertTrue(result.get(120, TimeUnit.SECONDS), "a distinct input is published");
            }
            assertEquals(1, Collections.frequency(kafka.committedKeys(events), shared), "one event of " + shared);
        }
        List<String> all = kafka.committedKeys(events);
        assertEquals(all.size(), all.stream().distinct().count(), "no event twice: " + all);
        assertEquals(3 * (1 + 32 + 16), all.size(), "the shared inputs, each thread's .b input, half the threads' own");
    }

    @Test
    void marksOfTwoReplicasThatInterleaveStillYieldOneEventPerInput() throws Exception {
        String marks = kafka.singlePartitionTopic("marks");
        String events = TestBroker.topic("events");
        // every record its own produce request, and a third writer's marks all the time: the
        // batches' marks do not stand side by side, so the check up to the first would miss some
        Map<String, Object> unbatched = new HashMap<>(kafka.client());
        unbatched.put(ProducerConfig.BATCH_SIZE_CONFIG, 0);
        unbatched.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        KafkaIdempotentStore first = store(marks, "pacs-bridge.node-i.sent-once." + UUID.randomUUID(), 256, unbatched);
        KafkaIdempotentStore second = store(marks, "pacs-bridge.node-j.sent-once." + UUID.randomUUID(), 256, unbatched);
        Future<?> flood = workers.submit(() -> {
            try (KafkaProducer<String, byte[]> other = kafka.transactionalProducer("test.flood." + UUID.randomUUID())) {
                other.initTransactions();
                while (!Thread.currentThread().isInterrupted()) {
                    other.beginTransaction();
                    other.send(new ProducerRecord<>(marks, "flood." + UUID.randomUUID(),
                            "dead-letter".getBytes(StandardCharsets.UTF_8)));
                    other.commitTransaction();
                    Thread.sleep(2);
                }
            }
            return null;
        });
        List<String> shared = new ArrayList<>();
        List<String> own = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            String input = "1.2.826.0.1.3680043.10.543.interleaved." + round;
            shared.add(input);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                KafkaIdempotentStore store = t % 2 == 0 ? first : second;
                String mine = input + ".own." + t;
                own.add(mine);
                // under this load a transaction may fail as a whole; the exchange would be tried again
                results.add(workers.submit(() -> {
                    go.await();
                    publishedOrAlreadyRetried(store, events, mine);
                    return publishedOrAlreadyRetried(store, events, input);
                }));
                results.add(workers.submit(() -> {
                    go.await();
                    return publishedOrAlreadyRetried(store, events, input);
                }));
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get(120, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertTrue(wins <= 1, input + ": at most one of 32 publications wins, the others are told it is out");
        }
        flood.cancel(true);
        List<String> out = kafka.committedKeys(events);
        for (String input : shared) {
            assertEquals(1, Collections.frequency(out, input), input + " once");
        }
        for (String input : own) {
            assertEquals(1, Collections.frequency(out, input), input + " once");
        }
        assertTrue(first.interleavedBatches() + second.interleavedBatches() > 0,
                "the batches' marks were interleaved at least once, and written one by one");
    }

    @Test
    void twoPublicationsOfOneKeyInOneBatchGoOutInTheirOrder() throws Exception {
        String marks = kafka.singlePartitionTopic("marks");
        String events = kafka.singlePartitionTopic("events");
        KafkaIdempotentStore store = store(marks, 256);
        String deadThenEvent = "1.2.826.0.1.3680043.10.543.dl-then-event";
        String eventThenDead = "1.2.826.0.1.3680043.10.543.event-then-dl";
        try (OpenTransaction holder = new OpenTransaction(marks)) {
            Future<?> lead = holdWriter(store, events, marks);
            List<Future<Boolean>> queued = new ArrayList<>();
            queued.add(queue(store, () -> store.publishWithMark(record(events, deadThenEvent, "dead-letter"),
                    deadThenEvent, null, Outcome.DEAD_LETTER), 1));
            queued.add(queue(store, () -> store.publishWithMark(record(events, deadThenEvent, "event"),
                    deadThenEvent, null, Outcome.EVENT), 2));
            queued.add(queue(store, () -> store.publishWithMark(record(events, eventThenDead, "event"),
                    eventThenDead, null, Outcome.EVENT), 3));
            queued.add(queue(store, () -> store.publishWithMark(record(events, eventThenDead, "dead-letter"),
                    eventThenDead, null, Outcome.DEAD_LETTER), 4));
            holder.commit();
            lead.get(60, TimeUnit.SECONDS);
            assertTrue(queued.get(0).get(60, TimeUnit.SECONDS));
            assertTrue(queued.get(1).get(60, TimeUnit.SECONDS), "an event after a dead letter is published");
            assertTrue(queued.get(2).get(60, TimeUnit.SECONDS));
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> queued.get(3).get(60, TimeUnit.SECONDS));
            assertInstanceOf(AlreadyPublishedException.class, refused.getCause(), "a dead letter after the event");
        }
        List<String> values = TopicReader.readAll(kafka.bootstrapServers(), events).stream()
                .filter(r -> r.key().equals(deadThenEvent) || r.key().equals(eventThenDead))
                .map(r -> r.key().substring(r.key().lastIndexOf('.') + 1) + ":" + r.value()).toList();
        // the second of each key waited for the next transaction
        assertEquals(List.of("dl-then-event:dead-letter", "event-then-dl:event", "dl-then-event:event"), values);
        assertTrue(store.hasEvent(deadThenEvent) && store.hasEvent(eventThenDead));
    }

    @Test
    void aConsumerThatLostItsPartitionFailsAloneAndTheOffsetsOfTwoGroupsCommitWithTheRest() throws Exception {
        String marks = kafka.singlePartitionTopic("marks");
        String events = kafka.singlePartitionTopic("events");
        String reports = kafka.singlePartitionTopic("reports");
        String group = "test-reports-" + UUID.randomUUID();
        String otherGroup = "test-other-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = kafka.plainProducer()) {
            for (int i = 0; i < 3; i++) {
                producer.send(event(reports, "1.2.826.0.1.3680043.10.543.report." + UUID.randomUUID())).get(30,
                        TimeUnit.SECONDS);
            }
        }
        KafkaIdempotentStore store = store(marks, 256);
        TopicPartition partition = new TopicPartition(reports, 0);
        try (KafkaConsumer<String, String> other = kafka.groupConsumer(otherGroup, reports)) {
            KafkaConsumer<String, String> replaced = kafka.groupConsumer(group, reports);
            ConsumerRecord<String, String> stale = TestBroker.pollOne(replaced);
            var staleMembership = replaced.groupMetadata();
            replaced.close(Duration.ofSeconds(5));
            try (KafkaConsumer<String, String> successor = kafka.groupConsumer(group, reports)) {
                assertEquals(stale.key(), TestBroker.pollOne(successor).key(), "the successor reads the report again");
                ConsumerRecord<String, String> next = TestBroker.pollOne(successor);
                ConsumerRecord<String, String> ofOther = TestBroker.pollOne(other);
                try (OpenTransaction holder = new OpenTransaction(marks)) {
                    Future<?> lead = holdWriter(store, events, marks);
                    Future<Boolean> refused = queue(store, () -> store.publishWithMark(event(events, stale.key()),
                            stale.key(), consumed(partition, stale, staleMembership), Outcome.EVENT), 1);
                    Future<Boolean> successors = queue(store, () -> store.publishWithMark(event(events, next.key()),
                            next.key(), consumed(partition, next, successor.groupMetadata()), Outcome.EVENT), 2);
                    String otherKey = ofOther.key() + ".other";
                    Future<Boolean> others = queue(store, () -> store.publishWithMark(event(events, otherKey), otherKey,
                            consumed(partition, ofOther, other.groupMetadata()), Outcome.EVENT), 3);
                    holder.commit();
                    lead.get(60, TimeUnit.SECONDS);
                    assertTrue(successors.get(60, TimeUnit.SECONDS));
                    assertTrue(others.get(60, TimeUnit.SECONDS));
                    ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                            () -> refused.get(60, TimeUnit.SECONDS));
                    assertInstanceOf(IllegalStateException.class, failed.getCause());
                }
                assertEquals(next.offset() + 1, kafka.committedOffset(group, partition), "the successor's offset commits");
                assertEquals(ofOther.offset() + 1, kafka.committedOffset(otherGroup, partition), "the other group's too");
                List<String> out = kafka.committedKeys(events);
                assertTrue(out.contains(next.key()) && out.contains(ofOther.key() + ".other"), String.valueOf(out));
                assertTrue(!out.contains(stale.key()), "the replica that lost the partition published nothing");
            }
        }
    }

    @Test
    void aRecordRefusedForItsSizeFailsOnlyItsOwnPublication() throws Exception {
        String marks = kafka.singlePartitionTopic("marks");
        String events = kafka.singlePartitionTopic("events");
        KafkaIdempotentStore store = store(marks, 256);
        String huge = "1.2.826.0.1.3680043.10.543.huge";
        List<String> fine = new ArrayList<>();
        Future<Boolean> hugeResult;
        List<Future<Boolean>> fineResults = new ArrayList<>();
        try (OpenTransaction holder = new OpenTransaction(marks)) {
            Future<?> lead = holdWriter(store, events, marks);
            long before = store.committedTransactions();
            for (int i = 0; i < 5; i++) {
                String key = "1.2.826.0.1.3680043.10.543.fine." + i;
                fine.add(key);
                fineResults.add(queue(store, () -> store.publishWithMark(event(events, key), key, null, Outcome.EVENT), i + 1));
            }
            // over the producer's max.request.size (1 MiB): refused before it is sent
            byte[] tooLarge = new byte[2 * 1024 * 1024];
            hugeResult = queue(store, () -> store.publishWithMark(new ProducerRecord<>(events, huge, tooLarge), huge, null, Outcome.EVENT), 6);
            for (int i = 5; i < 10; i++) {
                String key = "1.2.826.0.1.3680043.10.543.fine." + i;
                fine.add(key);
                fineResults.add(queue(store, () -> store.publishWithMark(event(events, key), key, null, Outcome.EVENT), i + 2));
            }
            holder.commit();
            lead.get(60, TimeUnit.SECONDS);
            for (Future<Boolean> result : fineResults) {
                assertTrue(result.get(60, TimeUnit.SECONDS));
            }
            assertEquals(before + 2, store.committedTransactions(), "the held one, then the batch without the huge one");
        }
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> hugeResult.get(60, TimeUnit.SECONDS));
        assertTrue(causedBy(failed, RecordTooLargeException.class), "fails for its size: " + failed);
        List<String> out = kafka.committedKeys(events);
        assertTrue(out.containsAll(fine) && !out.contains(huge), String.valueOf(out));
        assertTrue(!store.contains(huge), "the refused input has no mark and may be tried again");
    }

    @Test
    void aTransactionThatFailsFailsEveryPublicationInItAndTheRetriesPublishOnce() throws Exception {
        String marks = kafka.singlePartitionTopic("marks");
        String events = kafka.singlePartitionTopic("events");
        String transactionalId = "pacs-bridge.node-g.sent-once." + UUID.randomUUID();
        KafkaIdempotentStore store = store(marks, transactionalId, 256);
        List<String> batch = new ArrayList<>();
        List<Future<Boolean>> results = new ArrayList<>();
        try (OpenTransaction first = new OpenTransaction(marks)) {
            Future<?> lead = holdWriter(store, events, marks);
            for (int i = 0; i < 12; i++) {
                String key = "1.2.826.0.1.3680043.10.543.doomed." + i;
                batch.add(key);
                results.add(queue(store, () -> store.publishWithMark(event(events, key), key, null, Outcome.EVENT), i + 1));
            }
            // the batch will stop at this second holder's mark once the lead's transaction is out
            try (OpenTransaction second = new OpenTransaction(marks)) {
                first.commit();
                lead.get(60, TimeUnit.SECONDS);
                awaitUntil(() -> uncommittedMarks(marks).containsAll(batch), "the batch's marks are sent");
                // a process with the store's transactional id starts: the open batch is aborted, its commit fenced
                closeAfter.add(fence(transactionalId));
                second.commit();
            }
        }
        for (Future<Boolean> result : results) {
            ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> result.get(60, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failed.getCause());
            assertTrue(TestBroker.causedByFencing(failed), "every publication of the batch fails with the fencing: " + failed);
        }
        List<String> visible = kafka.committedKeys(events);
        assertTrue(Collections.disjoint(visible, batch), "nothing of the failed batch is visible: " + visible);

        // each exchange is tried again: one event each
        List<Future<Boolean>> retries = new ArrayList<>();
        for (String key : batch) {
            retries.add(workers.submit(() -> store.publishWithMark(event(events, key), key, null, Outcome.EVENT)));
        }
        for (Future<Boolean> retry : retries) {
            assertTrue(retry.get(60, TimeUnit.SECONDS));
        }
        List<String> out = kafka.committedKeys(events);
        for (String key : batch) {
            assertEquals(1, Collections.frequency(out, key), key + " once in " + out);
        }
    }

    /** {@code threads} workers publish {@code each} distinct inputs one after the other, all starting at once. */
    private List<String> publishConcurrently(KafkaIdempotentStore store, String events, int threads, int each)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> done = new ArrayList<>();
        String run = UUID.randomUUID().toString();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(workers.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    String key = "1.2.826.0.1.3680043.10.543." + run + "." + thread + "." + i;
                    store.publishWithMark(event(events, key), key);
                    keys.add(key);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(300, TimeUnit.SECONDS);
        }
        return new ArrayList<>(keys);
    }

    /** Publishes one input that the open transaction on the marks topic keeps in its mark check. */
    private Future<?> holdWriter(KafkaIdempotentStore store, String events, String marks) {
        String lead = "1.2.826.0.1.3680043.10.543.lead." + UUID.randomUUID();
        Future<?> held = workers.submit(() -> store.publishWithMark(event(events, lead), lead));
        awaitUntil(() -> uncommittedMarks(marks).contains(lead), "the held transaction's mark is sent");
        return held;
    }

    /** Queues a publication behind the held one and waits until it is the {@code position}th waiting. */
    private Future<Boolean> queue(KafkaIdempotentStore store, Callable<Boolean> publication, int position) {
        Future<Boolean> result = workers.submit(publication);
        awaitUntil(() -> store.waitingPublications() == position, "publication " + position + " queued");
        return result;
    }

    private static boolean publishedOrAlready(KafkaIdempotentStore store, String events, String key) {
        try {
            return store.publishWithMark(event(events, key), key, null, Outcome.EVENT);
        } catch (AlreadyPublishedException already) {
            assertEquals(key, already.key());
            return false;
        }
    }

    private static boolean publishedOrAlreadyRetried(KafkaIdempotentStore store, String events, String key) {
        for (int attempt = 1;; attempt++) {
            try {
                return publishedOrAlready(store, events, key);
            } catch (IllegalStateException failed) {
                if (attempt == 5) {
                    throw failed;
                }
            }
        }
    }

    private static void awaitUntil(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    /** A producer of its own, with another process's transaction open on the marks topic. */
    private static final class OpenTransaction implements AutoCloseable {
        private final KafkaProducer<String, byte[]> producer;
        private boolean open;

        OpenTransaction(String marks) throws Exception {
            producer = kafka.transactionalProducer("test.holder." + UUID.randomUUID());
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(marks, "holder." + UUID.randomUUID(), "dead-letter".getBytes(
                    StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            open = true;
        }

        void commit() {
            producer.commitTransaction();
            open = false;
        }

        @Override
        public void close() {
            if (open) {
                producer.abortTransaction();
            }
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static KafkaIdempotentStore.ConsumedInput consumed(TopicPartition partition,
            ConsumerRecord<String, String> record, org.apache.kafka.clients.consumer.ConsumerGroupMetadata member) {
        return new KafkaIdempotentStore.ConsumedInput(
                Map.of(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(record.offset() + 1)), member);
    }

    private static KafkaProducer<String, byte[]> fence(String transactionalId) {
        KafkaProducer<String, byte[]> successor = kafka.transactionalProducer(transactionalId);
        successor.initTransactions();
        return successor;
    }

    /** The keys on the marks topic, open transactions included. */
    private static List<String> uncommittedMarks(String marks) {
        Properties props = new Properties();
        props.putAll(kafka.client());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(marks, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }

    private KafkaIdempotentStore store(String marks, int batchMax) {
        return store(marks, "pacs-bridge.node-g.sent-once." + UUID.randomUUID(), batchMax);
    }

    private KafkaIdempotentStore store(String marks, String transactionalId, int batchMax) {
        return store(marks, transactionalId, batchMax, kafka.client());
    }

    private KafkaIdempotentStore store(String marks, String transactionalId, int batchMax,
            Map<String, Object> clientProperties) {
        KafkaIdempotentStore store = new KafkaIdempotentStore(marks, transactionalId, clientProperties,
                Duration.ofSeconds(30), Duration.ofDays(1), batchMax);
        stores.add(store);
        store.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(store::isCaughtUp);
        return store;
    }

    private static ProducerRecord<String, byte[]> event(String topic, String key) {
        return record(topic, key, "{\"input\":\"" + key + "\"}");
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> sorted(List<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

}
