package org.pacsbridge.ops.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * An idempotent repository shared by every replica through a compacted Kafka topic: a key is
 * "sent" once any replica has recorded it there — always in the same Kafka transaction as the
 * result it stands for ({@link #publishWithMark}). Each replica reads the whole topic in the
 * background to know what the others recorded.
 *
 * <p>Unlike a repository that reads the topic while it starts, this one never keeps the node from
 * starting when Kafka is away: it creates its topic and catches up in the background, and
 * {@link #add} waits (bounded) for that catch-up before it answers, failing the exchange — to be
 * retried — rather than answering without knowing.
 *
 * <p>A mark's value says the input's outcome ({@link Outcome}): a findings event, or a dead letter.
 * A dead letter does not settle an input for good: a resent image, or the dead letter's replay,
 * may still give it its event, which then turns the mark into "event".
 *
 * <p>Across replicas, the first event mark of a key in its partition of the topic wins: before
 * committing, a transaction reads (read committed) that partition up to its own mark and aborts
 * with {@link AlreadyPublishedException} when an earlier event mark of the same key is there. Two
 * replicas that took the same input at once thus publish one event, however late each learnt of
 * the other; and a dead letter, or the replay of one, comes too late for an input with an event. The producer's transactional id is stable per replica, so a restarted replica
 * fences its predecessor and aborts the transaction it left open.
 */
public class KafkaIdempotentStore extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = Logger.getLogger(KafkaIdempotentStore.class);

    /** What a mark says became of its input; the value of the mark's record. */
    public enum Outcome {
        /** A findings event was published. The value "sent" is the one marks have always had. */
        EVENT("sent"),
        /** The input was dead-lettered: its replay, or the input sent again, may still give it its event. */
        DEAD_LETTER("dead-letter");

        private final String value;

        Outcome(String value) {
            this.value = value;
        }

        static Outcome of(String value) {
            return DEAD_LETTER.value.equals(value) ? DEAD_LETTER : EVENT;
        }

        byte[] bytes() {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }

    private final String topic;
    private final String transactionalId;
    private final Map<String, Object> clientProperties;
    private final Duration catchUpWait;
    private final Duration retention;
    private final Map<String, Outcome> marks = new ConcurrentHashMap<>();
    /** Per partition of the topic: the background reader's position, every mark below it in {@link #marks}. */
    private final Map<Integer, Long> readerPositions = new ConcurrentHashMap<>();
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private KafkaProducer<String, byte[]> transactional;
    private KafkaConsumer<String, byte[]> markChecker;
    /** A commit timed out: its outcome is unknown until the commit is called again. */
    private boolean pendingCommit;
    private String pendingKey;
    private Outcome pendingOutcome;
    private Thread reader;

    /**
     * @param transactionalId the same for this replica across restarts and different from every
     *        other replica's (see {@link TransactionalIds})
     * @param retention how long a key is remembered: the topic is compacted and also deletes what
     *        is older, so the set (and each replica's memory of it) does not grow without end
     * @param catchUpWait how long {@link #add} waits for the first read of the topic, and a
     *        commit for the transactions of other replicas that hold marks before its own
     */
    public KafkaIdempotentStore(String topic, String transactionalId, Map<String, Object> clientProperties,
            Duration catchUpWait, Duration retention) {
        this.topic = topic;
        this.transactionalId = transactionalId;
        this.clientProperties = Map.copyOf(clientProperties);
        this.catchUpWait = catchUpWait;
        this.retention = retention;
    }

    @Override
    protected void doStart() {
        running = true;
        reader = new Thread(this::readTopic, "idempotent-store-" + topic);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        if (reader != null) {
            // the reader sees the flag after its current poll (500 ms) and closes its consumer in
            // order; an interrupt is for a reader stuck on an unreachable broker, since it makes the
            // consumer's close fail with an error
            reader.join(2_000);
            if (reader.isAlive()) {
                reader.interrupt();
                reader.join(5_000);
            }
        }
        synchronized (this) {
            if (transactional != null) {
                transactional.close(Duration.ofSeconds(5));
                transactional = null;
            }
            if (markChecker != null) {
                markChecker.close(Duration.ofSeconds(2));
                markChecker = null;
            }
        }
    }

    public String transactionalId() {
        return transactionalId;
    }

    /**
     * Whether {@code key} is new: it has no mark at all, neither an event nor a dead letter (a
     * record read again after its dead letter is a duplicate). Nothing is written: a key is
     * recorded only together with the result it stands for ({@link #publishWithMark}), so a crash
     * between the two can neither lose the result (a key recorded first would make the retry a
     * "duplicate") nor publish it twice (a key recorded after could be missing when the result is
     * already out).
     */
    @Override
    public boolean add(String key) {
        awaitCaughtUp();
        // the claim keeps a second copy of the same input on this node from running alongside
        return !marks.containsKey(key) && claimed.add(key);
    }

    /**
     * As {@link #add}, but a dead-lettered key is new too: for inputs sent again on purpose (a
     * modality resending an image), which deserve their event although an earlier copy was
     * dead-lettered.
     */
    public boolean addUnlessEvent(String key) {
        awaitCaughtUp();
        return marks.get(key) != Outcome.EVENT && claimed.add(key);
    }

    /** This store seen through {@link #addUnlessEvent}, for an idempotent consumer. */
    public IdempotentRepository unlessEvent() {
        return new UnlessEvent(this);
    }

    /** Whether {@code key} has a findings event, as far as this replica knows now. */
    public boolean hasEvent(String key) {
        awaitCaughtUp();
        return marks.get(key) == Outcome.EVENT;
    }

    /**
     * Publishes {@code record} (a findings event) and records {@code key} in one Kafka
     * transaction: both or neither become visible (to consumers reading committed records, as
     * every reader of the node's topics must). Throws, leaving neither, when Kafka does not take
     * them, and {@link AlreadyPublishedException} when {@code key} already has an event (recorded
     * by another replica, or before). A null {@code key} publishes the record alone (still
     * transactionally).
     */
    public void publishWithMark(ProducerRecord<String, byte[]> record, String key) {
        publishWithMark(record, key, null, Outcome.EVENT);
    }

    /** As {@link #publishWithMark(ProducerRecord, String)}, committing the consumed input's offset too (see below). */
    public void publishWithMark(ProducerRecord<String, byte[]> record, String key, ConsumedInput input) {
        publishWithMark(record, key, input, Outcome.EVENT);
    }

    /**
     * As {@link #publishWithMark(ProducerRecord, String)}, for a record that is the input's
     * {@code outcome} (an event or a dead letter), and commits the consumed input's offset in the
     * same transaction: a consumer that lost its partition to another replica (a rebalance during
     * the X-Raydar call) cannot commit, so its result is not published. A dead letter, too, is
     * refused with {@link AlreadyPublishedException} once its input has an event.
     *
     * @return false when nothing was published now because a commit left pending by an earlier
     *         call (a timeout) turned out to be this same input's result
     */
    public synchronized boolean publishWithMark(ProducerRecord<String, byte[]> record, String key,
            ConsumedInput input, Outcome outcome) {
        try {
            KafkaProducer<String, byte[]> tx = transactionalProducer();
            Outcome finishedOutcome = pendingOutcome;
            String finished = finishPendingCommit(tx);
            if (key != null && key.equals(finished)
                    && (finishedOutcome == Outcome.EVENT || finishedOutcome == outcome)) {
                // the pending commit finished was this very input's result: it is out already
                claimed.remove(key);
                return false;
            }
            tx.beginTransaction();
            try {
                tx.send(record);
                if (key != null) {
                    RecordMetadata mark = tx.send(markRecord(key, outcome)).get();
                    if (eventMarkedBefore(key, mark.partition(), mark.offset())) {
                        tx.abortTransaction();
                        settled(key, Outcome.EVENT);
                        throw new AlreadyPublishedException(key, topic);
                    }
                }
                if (input != null) {
                    tx.sendOffsetsToTransaction(input.offsets(), input.group());
                }
            } catch (KafkaException e) {
                abortQuietly(tx, e);
                throw e;
            } catch (ExecutionException e) {
                KafkaException cause = e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
                abortQuietly(tx, cause);
                throw cause;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                KafkaException cause = new KafkaException("interrupted", e);
                abortQuietly(tx, cause);
                throw cause;
            }
            commit(tx, key, outcome);
        } catch (KafkaException e) {
            throw new IllegalStateException("Cannot publish to " + record.topic() + " with its mark " + key + ": "
                    + e.getMessage(), e);
        }
        return true;
    }

    /** Whether a commit of unknown outcome (a timeout) is waiting to be finished by the next call. */
    public synchronized boolean commitPending() {
        return pendingCommit;
    }

    /** The offset to commit for a consumed record, and its consumer's group membership. */
    public record ConsumedInput(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
    }

    private ProducerRecord<String, byte[]> markRecord(String key, Outcome outcome) {
        return new ProducerRecord<>(topic, key, outcome.bytes());
    }

    /**
     * Whether the last committed mark of {@code key} before {@code ownOffset} in its partition
     * says "event" (an event mark is never followed by another: both kinds are refused after it). The
     * background reader has applied every mark below its position; the rest, up to the open
     * transaction's own mark, is read here. Read committed stops before any transaction still
     * open, so this waits for other replicas' earlier transactions to end (bounded).
     */
    private boolean eventMarkedBefore(String key, int partition, long ownOffset) {
        long from = readerPositions.getOrDefault(partition, 0L);
        if (marks.get(key) == Outcome.EVENT) {
            return true;
        }
        if (from >= ownOffset) {
            return false;
        }
        KafkaConsumer<String, byte[]> checker = markChecker();
        TopicPartition tp = new TopicPartition(topic, partition);
        checker.assign(List.of(tp));
        checker.seek(tp, from);
        boolean event = false;
        long deadline = System.nanoTime() + catchUpWait.toNanos();
        while (checker.position(tp) < ownOffset) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("Marks of " + topic + "-" + partition
                        + " before offset " + ownOffset + " still in open transactions after " + catchUpWait);
            }
            for (ConsumerRecord<String, byte[]> earlier : checker.poll(Duration.ofMillis(100))) {
                if (earlier.offset() < ownOffset && key.equals(earlier.key())) {
                    event = earlier.value() != null
                            && Outcome.of(new String(earlier.value(), StandardCharsets.UTF_8)) == Outcome.EVENT;
                }
            }
        }
        return event;
    }

    private KafkaConsumer<String, byte[]> markChecker() {
        if (markChecker == null) {
            Properties props = new Properties();
            props.putAll(clientProperties);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
            markChecker = new KafkaConsumer<>(props);
        }
        return markChecker;
    }

    /**
     * Commits the open transaction. A commit that times out (the broker is away) has an unknown
     * outcome: Kafka's producer then accepts nothing but the same commit again. It is kept pending
     * and finished before the next transaction, so the result is neither lost nor published twice.
     */
    private void commit(KafkaProducer<String, byte[]> tx, String key, Outcome outcome) {
        try {
            tx.commitTransaction();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            pendingCommit = true;
            pendingKey = key;
            pendingOutcome = outcome;
            throw e;
        } catch (KafkaException e) {
            abortQuietly(tx, e);
            throw e;
        }
        settled(key, outcome);
    }

    /** @return the key of the pending commit finished now, else null */
    private String finishPendingCommit(KafkaProducer<String, byte[]> tx) {
        if (!pendingCommit) {
            return null;
        }
        try {
            tx.commitTransaction();
        } catch (org.apache.kafka.common.errors.TimeoutException stillAway) {
            throw stillAway;
        } catch (KafkaException broken) {
            // the producer cannot finish it (e.g. fenced): the broker resolves that transaction
            tx.close(Duration.ZERO);
            transactional = null;
            pendingCommit = false;
            pendingKey = null;
            pendingOutcome = null;
            throw broken;
        }
        pendingCommit = false;
        String finished = pendingKey;
        settled(finished, pendingOutcome);
        pendingKey = null;
        pendingOutcome = null;
        return finished;
    }

    private void settled(String key, Outcome outcome) {
        if (key != null) {
            // an event is never taken back by a dead letter (see eventMarkedBefore)
            marks.merge(key, outcome, (known, now) -> known == Outcome.EVENT ? known : now);
            claimed.remove(key);
        }
    }

    private KafkaProducer<String, byte[]> transactionalProducer() {
        if (transactional == null) {
            Map<String, Object> props = new HashMap<>(clientProperties);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            // stable per replica: initTransactions fences a predecessor with this id and aborts
            // the transaction it left open, so read-committed readers need not wait for its timeout
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(props);
            try {
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            transactional = created;
        }
        return transactional;
    }

    private void abortQuietly(KafkaProducer<String, byte[]> tx, KafkaException cause) {
        try {
            tx.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            // a fenced or broken producer cannot abort: start afresh with a new one
            tx.close(Duration.ZERO);
            transactional = null;
        }
        if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
            LOG.warnf("The sent-once producer %s was fenced: another process started with this transactional"
                    + " id (pacs.node.id must differ between replicas); its transaction is aborted", transactionalId);
            tx.close(Duration.ZERO);
            transactional = null;
        }
    }

    @Override
    public boolean contains(String key) {
        awaitCaughtUp();
        return marks.containsKey(key);
    }

    /**
     * Gives up this node's claim after a failure, so the input can be tried again. A key already
     * recorded stays recorded: its result is out, and trying again must find it a duplicate.
     */
    @Override
    public boolean remove(String key) {
        return claimed.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        marks.clear();
    }

    /** Whether the store has read the whole topic once. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void awaitCaughtUp() {
        try {
            if (!caughtUp.await(catchUpWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Not yet caught up with " + topic + " (is Kafka reachable?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while catching up with " + topic, e);
        }
    }

    private void readTopic() {
        while (running) {
            try {
                createTopicIfMissing();
                consume();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("Reading %s failed (%s); trying again", topic, e.getMessage());
                    sleep(2_000);
                }
            }
        }
    }

    private void createTopicIfMissing() {
        try (Admin admin = Admin.create(new HashMap<>(clientProperties))) {
            NewTopic newTopic = new NewTopic(topic, java.util.Optional.empty(), java.util.Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                            TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created the compacted topic %s (keys kept %s)", topic, retention);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer", e);
        }
    }

    private void consume() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("no partitions yet");
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        marks.remove(record.key());
                    } else {
                        marks.put(record.key(), Outcome.of(record.value()));
                    }
                }
                for (TopicPartition tp : assigned) {
                    readerPositions.put(tp.partition(), consumer.position(tp));
                }
                if (!isCaughtUp() && assigned.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                    caughtUp.countDown();
                    LOG.infof("Caught up with %s: %d keys", topic, marks.size());
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The store for an idempotent consumer whose inputs a dead letter does not settle. */
    private static final class UnlessEvent implements IdempotentRepository {
        private final KafkaIdempotentStore store;

        UnlessEvent(KafkaIdempotentStore store) {
            this.store = store;
        }

        @Override
        public boolean add(String key) {
            return store.addUnlessEvent(key);
        }

        @Override
        public boolean contains(String key) {
            return store.hasEvent(key);
        }

        @Override
        public boolean remove(String key) {
            return store.remove(key);
        }

        @Override
        public boolean confirm(String key) {
            return true;
        }

        @Override
        public void clear() {
            // the marks are the store's; a view does not forget them
        }

        @Override
        public void start() {
            store.start();
        }

        @Override
        public void stop() {
            // the store is shared: it stops with the context
        }
    }
}
