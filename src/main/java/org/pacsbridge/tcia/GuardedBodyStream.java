package org.pacsbridge.tcia;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A streamed answer body that gives its request slot back when closed, and fails a read that has
 * waited longer than the read timeout (the HTTP client's own timeout stops at the headers). Time the
 * caller spends between reads does not count.
 */
final class GuardedBodyStream extends FilterInputStream {

    private final String endpoint;
    private final AutoCloseable permit;
    private final long timeoutNanos;
    private final Duration timeout;
    private final ScheduledFuture<?> check;
    private volatile long readStarted; // 0 while no read is waiting
    private volatile boolean timedOut;
    private boolean closed;

    GuardedBodyStream(String endpoint, InputStream in, AutoCloseable permit, Duration timeout,
            ScheduledExecutorService watchdog) {
        super(in);
        this.endpoint = endpoint;
        this.permit = permit;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        this.check = watchdog.scheduleAtFixedRate(this::checkStall, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public int read() throws IOException {
        begin();
        try {
            return super.read();
        } catch (IOException e) {
            throw translate(e);
        } finally {
            readStarted = 0;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        begin();
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw translate(e);
        } finally {
            readStarted = 0;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        begin();
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw translate(e);
        } finally {
            readStarted = 0;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        check.cancel(false);
        try {
            super.close();
        } finally {
            try {
                permit.close();
            } catch (Exception e) {
                // a permit release cannot fail; nothing to add to the close
            }
        }
    }

    private void begin() throws IOException {
        if (timedOut) {
            throw stalled();
        }
        readStarted = System.nanoTime();
    }

    private void checkStall() {
        long started = readStarted;
        if (started != 0 && System.nanoTime() - started > timeoutNanos && !timedOut) {
            timedOut = true;
            try {
                in.close(); // wakes the blocked read
            } catch (IOException e) {
                // the read fails either way
            }
        }
    }

    private IOException translate(IOException e) {
        return timedOut ? stalled() : e;
    }

    private SocketTimeoutException stalled() {
        return new SocketTimeoutException("TCIA " + endpoint + ": no data for " + timeout + " while streaming the answer");
    }
}
