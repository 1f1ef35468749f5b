package org.pacsbridge.tcia;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fetches one series with {@code getImage} and unpacks it into the store, never beyond the bytes
 * the budget has left. Counts the archive bytes received.
 */
final class ReferenceSeriesDownloader {

    private final TciaSyncSource client;
    private final TciaZipLimits limits;
    private final ReferenceImageStore store;
    private final TciaSyncMetrics metrics;

    ReferenceSeriesDownloader(TciaSyncSource client, TciaZipLimits limits, ReferenceImageStore store,
            TciaSyncMetrics metrics) {
        this.client = client;
        this.limits = limits;
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * @param byteLimit the most uncompressed bytes the archive may expand to
     * @return the bytes of the DICOM files kept (what counts against the budget)
     * @throws TciaException    the download was refused or failed
     * @throws TciaZipException the archive was refused (too large, truncated, unsafe); nothing is kept
     * @throws IOException      writing failed; nothing is kept
     */
    long download(String seriesInstanceUid, long byteLimit) throws TciaException, IOException {
        TciaZipUnpacker unpacker = new TciaZipUnpacker(new TciaZipLimits(limits.maxEntries(),
                Math.min(limits.maxTotalBytes(), byteLimit), limits.maxCompressionRatio()));
        Path incoming = store.incoming(seriesInstanceUid);
        try (TciaImageDownload download = client.getImage(seriesInstanceUid);
                CountingStream body = new CountingStream(download.body())) {
            TciaUnpackResult result;
            try {
                result = unpacker.unpack(body, incoming);
            } finally {
                metrics.downloaded(body.count);
            }
            if (result.dicomFiles().isEmpty()) {
                throw new TciaZipException(TciaZipException.Kind.CORRUPT, "the archive of series " + seriesInstanceUid
                        + " holds no DICOM file");
            }
            long kept = 0;
            for (Path file : result.dicomFiles()) {
                kept += Files.size(file);
            }
            store.place(seriesInstanceUid, incoming);
            return kept;
        } finally {
            store.discard(incoming);
        }
    }

    /** Counts what passes through. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
