package org.pacsbridge.ops.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
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
 *
 * <p>Concurrent publications share transactions (group commit, {@link GroupCommitWriter}): one
 * writer thread puts whatever queued meanwhile into one transaction. A publication that cannot go
 * out for a reason of its own (its key has an event already, its record is refused, its consumer
 * lost its group membership) fails alone: the transaction is aborted and written again without it.
 * A transaction that fails as a whole fails every publication in it.
 */
public class KafkaIdempotentStore extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = Logger.getLogger(KafkaIdempotentStore.class);
    /** Index of a publication's mark among its sends; its record's is 0. */
    private static final int MARK = 1;

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
    private final GroupCommitWriter writer;
    private final AtomicLong committedTransactions = new AtomicLong();
    private final AtomicLong interleavedBatches = new AtomicLong();
    // the producer, the checker and the pending commit are the writer thread's, guarded by this
    private KafkaProducer<String, byte[]> transactional;
    private KafkaConsumer<String, byte[]> markChecker;
    /** A commit timed out: its outcome is unknown until the commit is called again. */
    private boolean pendingCommit;
    /** The marks of the pending commit: key and outcome. */
    private Map<String, Outcome> pendingMarks = Map.of();
    /** The marks of the last pending commit finished, until each key's own retry comes (it publishes nothing). */
    private final Map<String, Outcome> finishedPending = new HashMap<>();
    private Thread reader;

    /**
     * @param transactionalId the same for this replica across restarts and different from every
     *        other replica's (see {@link TransactionalIds})
     * @param retention how long a key is remembered: the topic is compacted and also deletes what
     *        is older, so the set (and each replica's memory of it) does not grow without end
     * @param catchUpWait how long {@link #add} waits for the first read of the topic, and a
     *        commit for the transactions of other replicas that hold marks before its own
     * @param publishBatchMax how many publications one transaction takes at most
     */
    public KafkaIdempotentStore(String topic, String transactionalId, Map<String, Object> clientProperties,
            Duration catchUpWait, Duration retention, int publishBatchMax) {
        this.topic = topic;
        this.transactionalId = transactionalId;
        this.clientProperties = Map.copyOf(clientProperties);
        this.catchUpWait = catchUpWait;
        this.retention = retention;
        this.writer = new GroupCommitWriter("sent-once-writer-" + topic, publishBatchMax, this::writeBatch);
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
        writer.stop();
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
    public boolean publishWithMark(ProducerRecord<String, byte[]> record, String key, ConsumedInput input,
            Outcome outcome) {
        try {
            return writer.publish(new Publication(record, key, input, outcome));
        } catch (KafkaException e) {
            throw new IllegalStateException("Cannot publish to " + record.topic() + " with its mark " + key + ": "
                    + e.getMessage(), e);
        }
    }

    /** How many transactions this store committed: fewer than its publications when they shared them. */
    long committedTransactions() {
        return committedTransactions.get();
    }

    /** How many batches were written one publication at a time because other marks came between theirs. */
    long interleavedBatches() {
        return interleavedBatches.get();
    }

    /** How many publications wait for a transaction now. */
    int waitingPublications() {
        return writer.waiting();
    }

    /**
     * Writes a batch (the writer thread's job) and gives each publication its outcome. Publications
     * that a commit left pending has published already, or whose key this replica knows to have an
     * event, are answered without a transaction; the rest go out together, less those refused alone.
     */
    private synchronized void writeBatch(List<Publication> batch) {
        List<Publication> open = new ArrayList<>(batch);
        try {
            finishPendingCommit(transactionalProducer());
            open.removeIf(p -> publishedByPendingCommit(p) || refusedAsKnownEvent(p));
            boolean oneByOne = false;
            while (!open.isEmpty()) {
                List<Publication> attempt = oneByOne ? List.of(open.get(0)) : List.copyOf(open);
                Map<Publication, RuntimeException> refused;
                try {
                    refused = transact(transactionalProducer(), attempt);
                } catch (InterleavedMarks e) {
                    oneByOne = true;
                    continue;
                }
                refused.forEach((p, why) -> {
                    if (why instanceof AlreadyPublishedException) {
                        settled(p.key, Outcome.EVENT);
                    }
                    p.fail(why);
                });
                open.removeAll(refused.isEmpty() ? attempt : refused.keySet());
            }
        } catch (RuntimeException e) {
            open.forEach(p -> p.fail(e));
        }
    }

    private boolean publishedByPendingCommit(Publication p) {
        Outcome done = p.key == null ? null : finishedPending.get(p.key);
        if (done == Outcome.EVENT || (done != null && done == p.outcome)) {
            // the pending commit finished was this very input's result: it is out already
            finishedPending.remove(p.key);
            claimed.remove(p.key);
            p.complete(false);
            return true;
        }
        return false;
    }

    private boolean refusedAsKnownEvent(Publication p) {
        if (p.key != null && marks.get(p.key) == Outcome.EVENT) {
            settled(p.key, Outcome.EVENT);
            p.fail(new AlreadyPublishedException(p.key, topic));
            return true;
        }
        return false;
    }

    /**
     * One transaction of every publication in {@code open}: committed (each completed), or aborted
     * because some publications cannot go out (returned, with why; the rest is to be written again).
     * Throws when the transaction fails as a whole.
     */
    private Map<Publication, RuntimeException> transact(KafkaProducer<String, byte[]> tx, List<Publication> open) {
        tx.beginTransaction();
        Map<Publication, RuntimeException> refused;
        try {
            Map<Publication, RecordMetadata> marked = new LinkedHashMap<>();
            refused = send(tx, open, marked);
            if (refused.isEmpty()) {
                refused = refuseMarkedBefore(marked);
            }
            if (refused.isEmpty()) {
                refused = sendOffsets(tx, open);
            }
        } catch (RuntimeException e) {
            abortQuietly(tx, e);
            throw e;
        }
        if (!refused.isEmpty()) {
            abortQuietly(tx, null);
            return refused;
        }
        commit(tx, open);
        return Map.of();
    }

    /**
     * Sends every record and mark and waits until the broker has them; {@code marked} gets each
     * mark's place. A record the producer refuses before sending it (e.g. too large) refuses its
     * publication alone. Any later failure fails the transaction: the producer then fails the
     * other records waiting to be sent with the same error, so it cannot be told whose it was.
     */
    private Map<Publication, RuntimeException> send(KafkaProducer<String, byte[]> tx, List<Publication> open,
            Map<Publication, RecordMetadata> marked) {
        Map<Publication, List<Future<RecordMetadata>>> sent = new LinkedHashMap<>();
        Map<Publication, RuntimeException> refused = new LinkedHashMap<>();
        KafkaException stopped = null;
        // the marks after all events, one right after the other: so they are likely to share a
        // produce request and stand side by side in their partitions (see refuseMarkedBefore)
        for (int round = 0; round < 2 && stopped == null && refused.isEmpty(); round++) {
            for (Publication p : open) {
                if (round == MARK && p.key == null) {
                    continue;
                }
                try {
                    Future<RecordMetadata> future = tx.send(round == MARK ? markRecord(p.key, p.outcome) : p.record);
                    sent.computeIfAbsent(p, x -> new ArrayList<>(2)).add(future);
                    KafkaException refusal = refusedAtOnce(future);
                    if (refusal != null) {
                        refused.put(p, refusal);
                        break;
                    }
                } catch (KafkaException e) {
                    // thrown rather than failing its future: the transaction is in error, or the record cannot be serialized
                    if (recordFault(e)) {
                        refused.put(p, e);
                    } else {
                        stopped = e;
                    }
                    break;
                }
            }
        }
        if (!refused.isEmpty()) {
            return refused;
        }
        KafkaException whole = null;
        for (Map.Entry<Publication, List<Future<RecordMetadata>>> entry : sent.entrySet()) {
            List<Future<RecordMetadata>> futures = entry.getValue();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    RecordMetadata metadata = futures.get(i).get();
                    if (i == MARK) {
                        marked.put(entry.getKey(), metadata);
                    }
                } catch (ExecutionException e) {
                    if (whole == null) {
                        whole = e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaException("interrupted", e);
                }
            }
        }
        if (whole != null) {
            throw whole;
        }
        if (stopped != null) {
            throw stopped;
        }
        return refused;
    }

    /** The error of a record the producer refused in {@code send} itself, else null. */
    private static KafkaException refusedAtOnce(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof KafkaException k && recordFault(k) ? k : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Errors of one record, not of the transaction or the connection. */
    private static boolean recordFault(KafkaException e) {
        return e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException
                || e instanceof InvalidRecordException || e instanceof InvalidTopicException
                || e instanceof TopicAuthorizationException || e instanceof SerializationException;
    }

    /**
     * The publications whose key has an earlier event mark (see {@link #eventsMarkedBefore}). The
     * check reads each partition up to the transaction's first mark there, as read committed cannot
     * pass the transaction's own: so the transaction's marks must stand side by side, with no
     * other's between them. Then of two transactions with a mark of one key, the later sees the
     * earlier's (and waits for its end); with another's mark between ours, each could miss the
     * other's, and this throws {@link InterleavedMarks}.
     */
    private Map<Publication, RuntimeException> refuseMarkedBefore(Map<Publication, RecordMetadata> marked) {
        Map<Integer, Long> firstOwn = new HashMap<>();
        Map<Integer, Long> lastOwn = new HashMap<>();
        Map<Integer, Set<String>> keys = new HashMap<>();
        marked.forEach((p, mark) -> {
            firstOwn.merge(mark.partition(), mark.offset(), Math::min);
            lastOwn.merge(mark.partition(), mark.offset(), Math::max);
            keys.computeIfAbsent(mark.partition(), x -> new HashSet<>()).add(p.key);
        });
        for (Map.Entry<Integer, Set<String>> partition : keys.entrySet()) {
            long span = lastOwn.get(partition.getKey()) - firstOwn.get(partition.getKey()) + 1;
            if (span != partition.getValue().size()) {
                interleavedBatches.incrementAndGet();
                throw new InterleavedMarks();
            }
        }
        Set<String> withEvent = new HashSet<>();
        firstOwn.forEach((partition, offset) -> withEvent.addAll(eventsMarkedBefore(partition, offset, keys.get(partition))));
        Map<Publication, RuntimeException> refused = new LinkedHashMap<>();
        for (Publication p : marked.keySet()) {
            if (withEvent.contains(p.key)) {
                refused.put(p, new AlreadyPublishedException(p.key, topic));
            }
        }
        return refused;
    }

    /**
     * Commits the consumed inputs' offsets: per consumer, the highest of each partition. A consumer
     * that lost its group membership (a rebalance) refuses its publications alone.
     */
    private Map<Publication, RuntimeException> sendOffsets(KafkaProducer<String, byte[]> tx, List<Publication> open) {
        Map<ConsumerGroupMetadata, Map<TopicPartition, OffsetAndMetadata>> offsets = new LinkedHashMap<>();
        Map<ConsumerGroupMetadata, List<Publication>> members = new HashMap<>();
        for (Publication p : open) {
            if (p.input != null) {
                Map<TopicPartition, OffsetAndMetadata> ofGroup = offsets.computeIfAbsent(p.input.group(), g -> new HashMap<>());
                p.input.offsets().forEach((partition, offset) -> ofGroup.merge(partition, offset,
                        (a, b) -> a.offset() >= b.offset() ? a : b));
                members.computeIfAbsent(p.input.group(), g -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<ConsumerGroupMetadata, Map<TopicPartition, OffsetAndMetadata>> group : offsets.entrySet()) {
            try {
                tx.sendOffsetsToTransaction(group.getValue(), group.getKey());
            } catch (KafkaException e) {
                if (!membershipFault(e)) {
                    throw e;
                }
                Map<Publication, RuntimeException> refused = new LinkedHashMap<>();
                members.get(group.getKey()).forEach(p -> refused.put(p, e));
                return refused;
            }
        }
        return Map.of();
    }

    private static boolean membershipFault(KafkaException e) {
        return e instanceof CommitFailedException || e instanceof FencedInstanceIdException
                || e instanceof IllegalGenerationException || e instanceof UnknownMemberIdException
                || e instanceof RebalanceInProgressException || e instanceof GroupAuthorizationException;
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
     * Which of {@code keys} have, as their last committed mark before {@code firstOwnOffset} in
     * their partition, one that says "event" (an event mark is never followed by another: both kinds
     * are refused after it). {@code firstOwnOffset} is the open transaction's first mark there: its
     * marks are of distinct keys, so none needs to be read past the first. The background reader has
     * applied every mark below its position; the rest is read here. Read committed stops before any
     * transaction still open, so this waits for other replicas' earlier transactions to end (bounded).
     */
    private Set<String> eventsMarkedBefore(int partition, long firstOwnOffset, Set<String> keys) {
        long from = readerPositions.getOrDefault(partition, 0L);
        Set<String> events = new HashSet<>();
        for (String key : keys) {
            if (marks.get(key) == Outcome.EVENT) {
                events.add(key);
            }
        }
        if (from >= firstOwnOffset) {
            return events;
        }
        KafkaConsumer<String, byte[]> checker = markChecker();
        TopicPartition tp = new TopicPartition(topic, partition);
        checker.assign(List.of(tp));
        checker.seek(tp, from);
        Map<String, Boolean> lastIsEvent = new HashMap<>();
        long deadline = System.nanoTime() + catchUpWait.toNanos();
        while (checker.position(tp) < firstOwnOffset) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("Marks of " + topic + "-" + partition
                        + " before offset " + firstOwnOffset + " still in open transactions after " + catchUpWait);
            }
            for (ConsumerRecord<String, byte[]> earlier : checker.poll(Duration.ofMillis(100))) {
                if (earlier.offset() < firstOwnOffset && keys.contains(earlier.key())) {
                    lastIsEvent.put(earlier.key(), earlier.value() != null
                            && Outcome.of(new String(earlier.value(), StandardCharsets.UTF_8)) == Outcome.EVENT);
                }
            }
        }
        lastIsEvent.forEach((key, event) -> {
            if (event) {
                events.add(key);
            }
        });
        return events;
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
     * and finished before the next transaction, so no result is lost or published twice.
     */
    private void commit(KafkaProducer<String, byte[]> tx, List<Publication> open) {
        try {
            tx.commitTransaction();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            pendingCommit = true;
            Map<String, Outcome> pending = new HashMap<>();
            open.stream().filter(p -> p.key != null).forEach(p -> pending.put(p.key, p.outcome));
            pendingMarks = pending;
            throw e;
        } catch (KafkaException e) {
            abortQuietly(tx, e);
            throw e;
        }
        committedTransactions.incrementAndGet();
        for (Publication p : open) {
            settled(p.key, p.outcome);
            p.complete(true);
        }
    }

    /** Finishes a pending commit; its marks go to {@link #finishedPending}. */
    private void finishPendingCommit(KafkaProducer<String, byte[]> tx) {
        if (!pendingCommit) {
            return;
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
            pendingMarks = Map.of();
            throw broken;
        }
        committedTransactions.incrementAndGet();
        pendingCommit = false;
        finishedPending.clear();
        finishedPending.putAll(pendingMarks);
        pendingMarks.forEach(this::settled);
        pendingMarks = Map.of();
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

    private void abortQuietly(KafkaProducer<String, byte[]> tx, RuntimeException cause) {
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

    /** Another transaction's mark came between this one's: the batch is aborted and written one by one. */
    private static final class InterleavedMarks extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterleavedMarks() {
            super("marks of another transaction between this one's", null, false, false);
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
