package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;
import org.pacsbridge.home.NodeHome;
import org.pacsbridge.camel.dicom.DicomConstants;
import org.pacsbridge.camel.dicom.DicomHeaders;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.xraydar.XraydarConfig;

/**
 * Reference images: after a catalogue run, keeps the chest radiograph series of the catalogue on
 * disk as far as {@code pacs.tcia.images.byte-budget} allows, and sends each image once through
 * {@code direct:tcia-reference-image} (X-Raydar-CV, then {@code pacs.findings.reference}).
 *
 * <p>A series is fetched only when its size (the catalogue's {@code fileSize}, else
 * {@code getSeriesSize}) fits in what the budget has left. "Once" holds across replicas and
 * restarts: the key {@code tcia:<SOP Instance UID>} is recorded in the shared repository of images
 * sent to X-Raydar before the call and forgotten again if the call fails, and a marker beside the
 * file outlives that repository's retention. Series that left the catalogue are deleted from disk.
 */
@ApplicationScoped
@Named("tciaReferenceImages")
public class TciaReferenceImages {

    static final String ROUTE = "direct:tcia-reference-image";
    static final String FAILURE_HEADER = "pacs.tcia.failure";
    static final String KEY_PREFIX = "tcia:";
    private static final Logger LOG = Logger.getLogger(TciaReferenceImages.class);

    @Inject
    TciaConfig config;

    @Inject
    XraydarConfig xraydar;

    @Inject
    TciaSyncSource client;

    @Inject
    TciaSyncMetrics metrics;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    /** The key the reference route records, with the event, in the sent-once store. */
    static final String SENT_ONCE_KEY_PROPERTY = "pacs.sent-once-key";

    @Inject
    @Named("xraydarIdempotentRepository")
    IdempotentRepository sent;

    private ReferenceImageStore store;
    private ReferenceSeriesDownloader downloader;

    /** What one pass did. */
    public record Outcome(int seriesOnDisk, int seriesFetched, int seriesOverBudget, int imagesRead, int imagesSkipped,
            int failures) {

        @Override
        public String toString() {
            return seriesOnDisk + " series on disk (" + seriesFetched + " fetched now, " + seriesOverBudget
                    + " left out for the byte budget); " + imagesRead + " images read, " + imagesSkipped
                    + " skipped as done, " + failures + " failures";
        }
    }

    @PostConstruct
    void create() {
        store = new ReferenceImageStore(NodeHome.resolve(config.images().dir()));
        TciaConfig.Zip zip = config.zip();
        downloader = new ReferenceSeriesDownloader(client,
                new TciaZipLimits(zip.maxEntries(), zip.maxTotalBytes(), zip.maxCompressionRatio()), store, metrics);
    }

    /** The pass after a catalogue run: the route's body is its {@link TciaSyncReport}. */
    public Outcome run(TciaSyncReport report) throws IOException {
        store.keepOnly(report.catalogue().keySet());
        long budget = config.images().byteBudget();
        long used = store.usedBytes();
        Counts counts = new Counts();
        for (Map.Entry<String, String> entry : report.catalogue().entrySet()) {
            TciaSeriesJson.CatalogueSeries series;
            try {
                series = TciaSeriesJson.read(entry.getValue());
            } catch (RuntimeException e) {
                continue; // not a value this node wrote; the next full listing replaces or removes it
            }
            if (!UID.isValid(series.seriesInstanceUid()) || !isChestSeries(series)) {
                continue;
            }
            if (!store.has(series.seriesInstanceUid())) {
                Optional<Long> fetched = fetch(series, budget - used, counts);
                if (fetched.isEmpty()) {
                    continue;
                }
                used += fetched.get();
            }
            counts.onDisk++;
            if (!read(series, counts)) {
                break;
            }
        }
        Outcome outcome = new Outcome(counts.onDisk, counts.fetched, counts.overBudget, counts.read, counts.skipped,
                counts.failures);
        LOG.infof("TCIA reference images: %s; %d of %d bytes of the budget used", outcome, used, budget);
        return outcome;
    }

    /** Downloads a series that fits in {@code remaining}; empty when it does not fit or failed. */
    private Optional<Long> fetch(TciaSeriesJson.CatalogueSeries series, long remaining, Counts counts) {
        String uid = series.seriesInstanceUid();
        try {
            Long size = series.fileSize() != null ? series.fileSize() : sizeFromTcia(uid);
            if (size == null || size <= 0 || size > remaining) {
                counts.overBudget++;
                LOG.debugf("TCIA series %s not fetched: size %s, %d bytes of the budget left", uid, size, remaining);
                return Optional.empty();
            }
            long bytes = downloader.download(uid, remaining);
            counts.fetched++;
            LOG.infof("TCIA reference series %s fetched: %d bytes", uid, bytes);
            return Optional.of(bytes);
        } catch (TciaException e) {
            failed(counts, TciaSyncMetrics.DOWNLOAD, uid, e);
        } catch (TciaZipException e) {
            failed(counts, TciaSyncMetrics.UNPACK, uid, e);
        } catch (IOException | UncheckedIOException e) {
            failed(counts, TciaSyncMetrics.DOWNLOAD, uid, e);
        }
        return Optional.empty();
    }

    private Long sizeFromTcia(String uid) throws TciaException {
        if (!client.supports(TciaOperation.SERIES_SIZE)) {
            return null;
        }
        return client.getSeriesSize(uid).map(TciaSeriesSize::totalSizeInBytes).orElse(null);
    }

    /** Sends the series' images not yet done; false when the shared record cannot be reached (stop for this run). */
    private boolean read(TciaSeriesJson.CatalogueSeries series, Counts counts) throws IOException {
        for (Path image : store.images(series.seriesInstanceUid())) {
            if (store.isPublished(image)) {
                counts.skipped++;
                continue;
            }
            Exchange exchange = new DefaultExchange(camel);
            try {
                DicomHeaders.describe(exchange.getMessage(), image, new Properties());
            } catch (IOException | RuntimeException e) {
                failed(counts, TciaSyncMetrics.DICOM, series.seriesInstanceUid(), e);
                continue;
            }
            String sop = exchange.getMessage().getHeader(DicomConstants.SOP_INSTANCE_UID, String.class);
            if (sop == null) {
                failed(counts, TciaSyncMetrics.DICOM, series.seriesInstanceUid(),
                        new IOException(image.getFileName() + " has no SOP Instance UID"));
                continue;
            }
            String key = KEY_PREFIX + sop;
            try {
                if (!sent.add(key)) {
                    store.markPublished(image);
                    counts.skipped++;
                    continue;
                }
            } catch (RuntimeException e) {
                failed(counts, TciaSyncMetrics.KAFKA, series.seriesInstanceUid(), e);
                return false;
            }
            exchange.setProperty(TciaReferenceFindings.SERIES_PROPERTY, series.seriesInstanceUid());
            exchange.setProperty(SENT_ONCE_KEY_PROPERTY, key);
            exchange.setProperty(TciaReferenceFindings.COLLECTION_PROPERTY, series.collection());
            Exchange done = producer.send(ROUTE, exchange);
            String failure = failure(done);
            if (failure != null) {
                forget(key);
                counts.failures++;
                metrics.error(TciaSyncMetrics.CV);
                LOG.warnf("TCIA reference image %s of series %s not read: %s", sop, series.seriesInstanceUid(), failure);
            } else {
                store.markPublished(image);
                counts.read++;
            }
        }
        return true;
    }

    private boolean isChestSeries(TciaSeriesJson.CatalogueSeries series) {
        return contains(xraydar.cv().modalities(), series.modality())
                && (series.bodyPartExamined() == null || contains(xraydar.cv().bodyParts(), series.bodyPartExamined()));
    }

    private void forget(String key) {
        try {
            sent.remove(key);
        } catch (RuntimeException e) {
            LOG.warnf("Could not forget %s after a failed call; it will not be retried: %s", key, e.getMessage());
        }
    }

    private static String failure(Exchange done) {
        if (done.getException() != null) {
            return done.getException().getMessage();
        }
        return done.getMessage().getHeader(FAILURE_HEADER, String.class);
    }

    private void failed(Counts counts, String kind, String seriesInstanceUid, Exception e) {
        counts.failures++;
        metrics.error(kind);
        LOG.warnf("TCIA reference series %s: %s (%s)", seriesInstanceUid, e.getMessage(), kind);
    }

    private static boolean contains(List<String> values, String value) {
        return value != null && values.stream().anyMatch(v -> v.strip().equalsIgnoreCase(value.strip()));
    }

    /** Running totals of one pass. */
    private static final class Counts {
        int onDisk;
        int fetched;
        int overBudget;
        int read;
        int skipped;
        int failures;
    }
}
