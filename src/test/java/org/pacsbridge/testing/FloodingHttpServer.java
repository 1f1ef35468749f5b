package org.pacsbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server answering every request 200 with a JSON body of {@code size} bytes, streamed in
 * chunks, and counting how much of it the client took before closing the connection.
 */
public final class FloodingHttpServer implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final HttpServer server;
    private final AtomicLong written = new AtomicLong();
    private final CountDownLatch answered = new CountDownLatch(1);

    /**
     * @param announceLength whether the answer carries a Content-Length (else it is chunked)
     */
    public FloodingHttpServer(long size, boolean announceLength) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream request = exchange.getRequestBody()) {
                request.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            byte[] chunk = new byte[CHUNK];
            Arrays.fill(chunk, (byte) ' ');
            byte[] start = "[{\"x\":\"".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(start, 0, chunk, 0, start.length);
            try {
                exchange.sendResponseHeaders(200, announceLength ? size : 0);
                OutputStream body = exchange.getResponseBody();
                while (written.get() < size) {
                    int n = (int) Math.min(CHUNK, size - written.get());
                    body.write(chunk, 0, n);
                    written.addAndGet(n);
                    Arrays.fill(chunk, 0, start.length, (byte) ' ');
                }
                body.close();
            } catch (IOException closedByClient) {
                // the client stopped reading: what it took is in written
            } finally {
                exchange.close();
                answered.countDown();
            }
        });
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Bytes of the body written before the answer ended (waits up to 30 s for it to end). */
    public long bytesWritten() throws InterruptedException {
        if (!answered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the answer is still being written after 30 s");
        }
        return written.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
