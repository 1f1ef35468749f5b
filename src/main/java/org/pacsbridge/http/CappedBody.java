package org.pacsbridge.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body handler for answers that are read whole into memory, with a ceiling: an answer announcing
 * more than {@code maxBytes} (Content-Length), or delivering more, is cancelled — the client closes
 * the connection — and its body fails with {@link TooLargeException}. At most {@code maxBytes}
 * plus one network buffer is ever held.
 */
public final class CappedBody {

    private CappedBody() {
    }

    public static BodyHandler<byte[]> ofByteArray(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        return info -> {
            long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Subscriber(maxBytes, announced > maxBytes);
        };
    }

    /** The answer is larger than the ceiling; only its size is known, none of its content kept. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long maxBytes;

        TooLargeException(long maxBytes) {
            super("answer larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    /** The {@link TooLargeException} in a failure's cause chain, if any. */
    public static TooLargeException tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static final class Subscriber implements BodySubscriber<byte[]> {
        private final long maxBytes;
        private final boolean refuseAtOnce;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Subscriber(long maxBytes, boolean refuseAtOnce) {
            this.maxBytes = maxBytes;
            this.refuseAtOnce = refuseAtOnce;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (refuseAtOnce) {
                refuse();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if ((long) received.size() + buffer.remaining() > maxBytes) {
                    refuse();
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                received.write(bytes, 0, bytes.length);
            }
            subscription.request(1);
        }

        private void refuse() {
            subscription.cancel();
            received.reset();
            body.completeExceptionally(new TooLargeException(maxBytes));
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(received.toByteArray());
        }
    }
}
