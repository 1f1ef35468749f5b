package org.pacsbridge.ops.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One caller's record and mark, waiting for the transaction that takes it ({@link GroupCommitWriter}).
 * The caller may withdraw it only while no transaction has taken it yet.
 */
final class Publication {

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;

    final ProducerRecord<String, byte[]> record;
    /** The mark's key, or null for a record published alone. */
    final String key;
    final KafkaIdempotentStore.ConsumedInput input;
    final KafkaIdempotentStore.Outcome outcome;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CompletableFuture<Boolean> result = new CompletableFuture<>();

    Publication(ProducerRecord<String, byte[]> record, String key, KafkaIdempotentStore.ConsumedInput input,
            KafkaIdempotentStore.Outcome outcome) {
        this.record = record;
        this.key = key;
        this.input = input;
        this.outcome = outcome;
    }

    /** @return false when the caller withdrew it first */
    boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    /** @return false when a transaction has taken it already: its outcome must be awaited */
    boolean withdraw() {
        return state.compareAndSet(QUEUED, WITHDRAWN);
    }

    /** @param published false when nothing was published because an earlier commit had published it */
    void complete(boolean published) {
        result.complete(published);
    }

    void fail(Throwable cause) {
        result.completeExceptionally(cause);
    }

    boolean isDone() {
        return result.isDone();
    }

    /**
     * For a caller interrupted after a transaction took this: waits for the outcome regardless
     * (only it tells whether the record is out), then sets the interrupt again.
     */
    boolean awaitAfterInterrupt() {
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException again) {
                    // the outcome is near: the transaction is bounded by the producer's timeouts
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the outcome, or throws InterruptedException. */
    boolean await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
