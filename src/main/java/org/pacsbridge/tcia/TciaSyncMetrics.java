package org.pacsbridge.tcia;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The reference sync's meters, in Prometheus form: {@code pacs_tcia_sync_last_success_timestamp_seconds},
 * {@code pacs_tcia_series_total{change="seen|new|changed|removed"}}, {@code pacs_tcia_bytes_downloaded_total},
 * {@code pacs_tcia_answer_passed_over_total{what="element|value"}} and {@code pacs_tcia_sync_errors_total{kind}}.
 */
public final class TciaSyncMetrics {

    /** Error kinds (the {@code kind} tag). */
    public static final String API = "api";
    public static final String KAFKA = "kafka";
    public static final String DOWNLOAD = "download";
    public static final String UNPACK = "unpack";
    public static final String DICOM = "dicom";
    public static final String CV = "cv";
    public static final String INTERNAL = "internal";

    private final MeterRegistry registry;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final Counter bytesDownloaded;
    private final Gauge lastSuccessGauge;

    public TciaSyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        lastSuccessGauge = Gauge.builder("pacs.tcia.sync.last.success.timestamp.seconds", lastSuccess,
                        t -> t.get() == null ? Double.NaN : t.get().toEpochMilli() / 1000.0)
                .description("When the last TCIA sync succeeded (Unix time); NaN until one is known")
                .register(registry);
        bytesDownloaded = Counter.builder("pacs.tcia.bytes.downloaded")
                .description("Bytes of reference image archives received from TCIA")
                .register(registry);
        for (String change : new String[] {"seen", "new", "changed", "removed"}) {
            series(change);
        }
        passedOver("element");
        passedOver("value");
        for (String kind : new String[] {API, KAFKA, DOWNLOAD, UNPACK, DICOM, CV, INTERNAL}) {
            errors(kind);
        }
    }

    /**
     * Unregisters the gauge, which reads this object: a registry that outlives it (a restarted
     * application in the same JVM) would otherwise keep answering from the old one.
     */
    public void close() {
        registry.remove(lastSuccessGauge);
    }

    /** A run's counts. */
    public void recorded(TciaSyncReport report) {
        series("seen").increment(report.seen());
        series("new").increment(report.added());
        series("changed").increment(report.changed());
        series("removed").increment(report.removed());
        passedOver("element").increment(report.passedOver().skippedElements());
        passedOver("value").increment(report.passedOver().unreadableValues());
        succeeded(report.finishedAt());
    }

    /** A successful run, by this node or (read back from Kafka) another. */
    public void succeeded(Instant at) {
        lastSuccess.accumulateAndGet(at, (known, found) -> known == null || found.isAfter(known) ? found : known);
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess.get());
    }

    public void error(String kind) {
        errors(kind).increment();
    }

    public void downloaded(long bytes) {
        bytesDownloaded.increment(bytes);
    }

    private Counter series(String change) {
        return Counter.builder("pacs.tcia.series")
                .description("Series examined and published by the TCIA sync, by change")
                .tag("change", change)
                .register(registry);
    }

    private Counter passedOver(String what) {
        return Counter.builder("pacs.tcia.answer.passed.over")
                .description("Parts of TCIA's answers the sync could not read: elements skipped, optional values read as absent")
                .tag("what", what)
                .register(registry);
    }

    private Counter errors(String kind) {
        return Counter.builder("pacs.tcia.sync.errors")
                .description("TCIA sync failures, by kind")
                .tag("kind", kind)
                .register(registry);
    }
}
