package org.pacsbridge.camel.dicom;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.pacsbridge.camel.dicom.internal.Spool;
import org.pacsbridge.dicom.net.AssociationInfo;
import org.pacsbridge.dicom.net.AssociationObserver;
import org.pacsbridge.dicom.net.AssociationRejectedException;
import org.pacsbridge.dicom.net.DicomServer;
import org.pacsbridge.dicom.net.DimseStatus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The Storage SCP's meters, tagged {@code ae_title}. In Prometheus form:
 * {@code pacs_dicom_associations_total{outcome="accepted|rejected|aborted|refused",reason}} (refused: closed at
 * accept, reason {@code remote_address_not_allowed}),
 * {@code pacs_dicom_objects_received_total{status="success|refused"}},
 * {@code pacs_dicom_received_bytes_total}, {@code pacs_dicom_store_duration_seconds} (command to
 * response, fsync included), {@code pacs_dicom_associations_active},
 * {@code pacs_dicom_spool_backlog_objects} and {@code pacs_dicom_spool_free_bytes}.
 */
final class DicomMetrics implements AssociationObserver {

    private final MeterRegistry registry;
    private final String aeTitle;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter accepted;
    private final Counter aborted;
    private final Counter refusedConnections;
    private final Counter success;
    private final Counter refused;
    private final Counter bytes;
    private final Timer storeDuration;

    DicomMetrics(MeterRegistry registry, String aeTitle) {
        this.registry = registry;
        this.aeTitle = aeTitle;
        accepted = keep(associations("accepted", "none"));
        aborted = keep(associations("aborted", "none"));
        refusedConnections = keep(associations("refused", "remote_address_not_allowed"));
        success = keep(objects("success"));
        refused = keep(objects("refused"));
        bytes = keep(Counter.builder("pacs.dicom.received.bytes").baseUnit("bytes")
                .description("Data set bytes received in C-STORE requests").tag("ae_title", aeTitle).register(registry));
        storeDuration = keep(Timer.builder("pacs.dicom.store.duration")
                .description("C-STORE from request to response, the durable write included")
                .tag("ae_title", aeTitle).publishPercentileHistogram().register(registry));
    }

    /** Gauges that read the server and the spool when scraped. */
    void watch(DicomServer server, Spool spool) {
        keep(gauge("pacs.dicom.associations.active", "Associations being served", server, DicomServer::activeAssociations));
        keep(gauge("pacs.dicom.spool.backlog.objects", "Objects acknowledged and not yet through the route", spool,
                s -> quietly(() -> s.pending().size())));
        keep(Gauge.builder("pacs.dicom.spool.free", spool, s -> quietly(s::usableSpace)).baseUnit("bytes")
                .description("Usable space on the spool's file system").tag("ae_title", aeTitle).register(registry));
    }

    /** Removes this SCP's meters (the consumer stopped). */
    void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    @Override
    public void accepted(AssociationInfo association) {
        accepted.increment();
    }

    @Override
    public void rejected(String callingAeTitle, int result, int source, int reason) {
        String why = AssociationRejectedException.describe(source, reason).toLowerCase(Locale.ROOT).replace(' ', '_');
        associations("rejected", why).increment();
    }

    @Override
    public void connectionRefused(java.net.InetAddress remote) {
        refusedConnections.increment();
    }

    @Override
    public void aborted() {
        aborted.increment();
    }

    @Override
    public void stored(String sopClassUid, long received, Duration elapsed, int status) {
        bytes.increment(received);
        storeDuration.record(elapsed);
        (status == DimseStatus.SUCCESS ? success : refused).increment();
    }

    private Counter associations(String outcome, String reason) {
        return Counter.builder("pacs.dicom.associations").description("Associations by outcome")
                .tag("ae_title", aeTitle).tag("outcome", outcome).tag("reason", reason).register(registry);
    }

    private Counter objects(String status) {
        return Counter.builder("pacs.dicom.objects.received").description("C-STORE requests answered, by outcome")
                .tag("ae_title", aeTitle).tag("status", status).register(registry);
    }

    private <T> Gauge gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        return Gauge.builder(name, source, value).description(description).tag("ae_title", aeTitle).register(registry);
    }

    private <M extends Meter> M keep(M meter) {
        meters.add(meter);
        return meter;
    }

    private interface IoSupplier {
        double get() throws IOException;
    }

    private static double quietly(IoSupplier supplier) {
        try {
            return supplier.get();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
