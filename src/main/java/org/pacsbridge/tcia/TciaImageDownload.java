package org.pacsbridge.tcia;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code getImage} answer being received: a ZIP archive read straight from the connection, never
 * held in memory. Close it (try-with-resources) to free the connection and the client's request slot.
 *
 * <p>The archive may be short: the server swallows errors while streaming, and an unknown series may
 * come back as an empty archive. Unpack it with {@link TciaZipUnpacker}, which detects both.
 */
public final class TciaImageDownload implements Closeable {

    private final String seriesInstanceUid;
    private final String fileName;
    private final Integer imageCount;
    private final InputStream body;

    TciaImageDownload(String seriesInstanceUid, String fileName, Integer imageCount, InputStream body) {
        this.seriesInstanceUid = Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        this.fileName = fileName;
        this.imageCount = imageCount;
        this.body = Objects.requireNonNull(body, "body");
    }

    public String seriesInstanceUid() {
        return seriesInstanceUid;
    }

    /** The file name of {@code Content-Disposition}, e.g. {@code <SeriesInstanceUID>.zip}. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** The {@code imageCount} header some servers send. */
    public OptionalInt imageCount() {
        return imageCount == null ? OptionalInt.empty() : OptionalInt.of(imageCount);
    }

    /** The ZIP bytes; a read fails with an {@link java.io.InterruptedIOException} when the server stalls. */
    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
