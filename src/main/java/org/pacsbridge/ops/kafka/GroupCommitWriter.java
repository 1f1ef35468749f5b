package org.pacsbridge.ops.kafka;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * Group commit: the publications of every worker queue here, and one writer thread hands them to
 * the store in batches, each written as one Kafka transaction. A batch is whatever queued while the
 * previous one was written, up to a maximum, so a lone publication waits for nothing and many
 * concurrent ones share a commit.
 *
 * <p>A batch never holds two publications of one key: the later one waits for the next batch, and
 * so meets the earlier one's outcome just as if the two had been published one after the other
 * (an event first makes the later one a duplicate).
 */
final class GroupCommitWriter {

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class);

    private final String name;
    private final int batchMax;
    /** Writes one batch and completes each of its publications; must not throw. */
    private final Consumer<List<Publication>> transaction;
    private final BlockingQueue<Publication> queue = new LinkedBlockingQueue<>();
    /** Taken from the queue but not yet batched, oldest first; the writer thread's own. */
    private final Deque<Publication> deferred = new ArrayDeque<>();
    /** The writer thread; another value (null after {@link #stop}) tells it to end after its batch. */
    private volatile Thread thread;

    GroupCommitWriter(String name, int batchMax, Consumer<List<Publication>> transaction) {
        if (batchMax < 1) {
            throw new IllegalArgumentException("batch maximum must be at least 1: " + batchMax);
        }
        this.name = name;
        this.batchMax = batchMax;
        this.transaction = transaction;
    }

    /**
     * Queues the publication and waits until its transaction committed or failed.
     *
     * @return false when nothing was published now (see {@link KafkaIdempotentStore#publishWithMark})
     */
    boolean publish(Publication publication) {
        synchronized (this) {
            if (thread == null) {
                thread = new Thread(this::writeBatches, name);
                thread.setDaemon(true);
                thread.start();
            }
            queue.add(publication);
        }
        try {
            return publication.await();
        } catch (InterruptedException e) {
            if (publication.withdraw()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted before " + name + " took the publication; nothing published", e);
            }
            return publication.awaitAfterInterrupt();
        }
    }

    /** How many publications wait for a transaction. */
    int waiting() {
        return queue.size();
    }

    /** Lets the batch being written finish; what still waits fails. */
    synchronized void stop() throws InterruptedException {
        Thread writing = thread;
        thread = null;
        if (writing != null) {
            writing.join(60_000);
        }
        List<Publication> left = new ArrayList<>();
        queue.drainTo(left);
        left.addAll(deferred);
        deferred.clear();
        IllegalStateException stopped = new IllegalStateException(name + " stopped; nothing published");
        left.forEach(p -> p.fail(stopped));
    }

    private void writeBatches() {
        Thread self = Thread.currentThread();
        while (thread == self) {
            List<Publication> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                transaction.accept(batch);
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "Writing a batch of %d publications failed", batch.size());
                batch.forEach(p -> p.fail(e));
            }
            for (Publication p : batch) {
                if (!p.isDone()) {
                    p.fail(new IllegalStateException(name + " left a publication without an outcome"));
                }
            }
        }
    }

    /** Oldest first, at most one per key, at most {@code batchMax}; empty when nothing came for a while. */
    private List<Publication> nextBatch() throws InterruptedException {
        if (deferred.isEmpty()) {
            Publication first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return List.of();
            }
            deferred.add(first);
        }
        queue.drainTo(deferred, batchMax);
        List<Publication> batch = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Iterator<Publication> it = deferred.iterator(); it.hasNext() && batch.size() < batchMax;) {
            Publication next = it.next();
            if (next.key != null && keys.contains(next.key)) {
                continue;
            }
            it.remove();
            if (next.take()) {
                batch.add(next);
                if (next.key != null) {
                    keys.add(next.key);
                }
            }
        }
        return batch;
    }
}
