package org.pacsbridge.tcia;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a client polite: at most {@code maxConcurrent} requests open at once, and request starts
 * at least {@code delay} apart across all threads.
 */
final class RequestPacer {

    private final Semaphore slots;
    private final long delayNanos;
    private long nextStart = System.nanoTime();

    RequestPacer(int maxConcurrent, Duration delay) {
        this.slots = new Semaphore(maxConcurrent, true);
        this.delayNanos = delay.toNanos();
    }

    /** Waits for a free slot and then for this request's turn. Close the permit when the answer is read. */
    Permit acquire() throws InterruptedException {
        slots.acquire();
        try {
            long start;
            synchronized (this) {
                start = Math.max(System.nanoTime(), nextStart);
                nextStart = start + delayNanos;
            }
            long wait = start - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            return new Permit();
        } catch (InterruptedException | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** One request's slot; closing it twice releases it once. */
    final class Permit implements AutoCloseable {
        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }
    }
}
