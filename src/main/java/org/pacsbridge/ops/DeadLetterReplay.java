package org.pacsbridge.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.kafka.KafkaConstants;
import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.DicomHeaders;
import org.pacsbridge.ops.kafka.KafkaIdempotentStore;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Starts, stops and serves the dead-letter replay route ({@code routes/deadletter-replay.yaml}). */
@ApplicationScoped
@Named("deadLetterReplay")
public class DeadLetterReplay {

    static final String ROUTE = "deadletter-replay";
    private static final String KEPT_FILE = "pacs.replay.kept-file";
    /** Exchange property of a parked dead letter: "missing" (gone for good) or "elsewhere" (another node keeps it). */
    public static final String PARKED = "PacsReplayParked";
    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CamelContext camel;

    private final AtomicReference<Instant> startedAt = new AtomicReference<>();
    private final AtomicLong examined = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    @Inject
    FailedDicomObjects failedObjects;

    @Inject
    @Named("xraydarIdempotentRepository")
    KafkaIdempotentStore sentOnce;

    /** Starts a replay of every dead letter written until now. */
    public synchronized Status start() throws Exception {
        if (camel.getRouteController().getRouteStatus(ROUTE) != ServiceStatus.Started) {
            startedAt.set(Instant.now());
            examined.set(0);
            parked.set(0);
            skipped.set(0);
            camel.getRouteController().startRoute(ROUTE);
            LOG.infof("Dead-letter replay started for dead letters written before %s", startedAt.get());
        }
        return status();
    }

    public synchronized Status stop() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
        return status();
    }

    public Status status() {
        ServiceStatus route = camel.getRouteController().getRouteStatus(ROUTE);
        Instant since = startedAt.get();
        return new Status(route == null ? "unknown" : route.name().toLowerCase(), since == null ? null : since.toString(),
                examined.get(), parked.get(), skipped.get());
    }

    /**
     * What the replay is doing: its route's state, when it started, how many dead letters it has
     * looked at, how many of those it parked (their object could not be taken back), and how many
     * it skipped (their input has had its findings event since).
     */
    public record Status(String state, String startedAt, long examined, long parked, long skipped) {
    }

    /**
     * Whether the dead letter predates this replay. A newer one is left uncommitted for the next
     * replay, and the replay stops: it has caught up.
     */
    public boolean writtenBeforeReplayStarted(Exchange exchange) {
        Long timestamp = exchange.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
        Instant since = startedAt.get();
        if (since == null || timestamp == null || timestamp < since.toEpochMilli()) {
            examined.incrementAndGet();
            return true;
        }
        LOG.info("Dead-letter replay caught up; stopping");
        // stopping a route from one of its own exchanges must not wait for that exchange
        Thread stopper = new Thread(() -> {
            try {
                camel.getRouteController().stopRoute(ROUTE);
            } catch (Exception e) {
                LOG.warnf("Stopping the dead-letter replay failed: %s", e.getMessage());
            }
        }, "deadletter-replay-stop");
        stopper.setDaemon(true);
        stopper.start();
        throw new ReplayCaughtUpException();
    }

    /**
     * Turns a dead-lettered DICOM object reference back into the object and its headers. The object
     * is looked up by SOP Instance UID in this node's failed/ directory only ({@link FailedObjectFiles});
     * a path in the record (older records carry one) is never opened. When the object is not there the
     * dead letter is parked: {@link #PARKED} says why, and the replay goes on with the next one.
     */
    public void restoreDicomObject(Exchange exchange) throws IOException {
        Map<?, ?> reference;
        try {
            reference = JSON.readValue(exchange.getMessage().getBody(String.class), Map.class);
        } catch (IOException e) {
            park(exchange, FailedObjectFiles.Resolution.parked("not a JSON object reference"));
            return;
        }
        FailedObjectFiles.Resolution found = failedObjects.files()
                .resolve(reference.get("sopInstanceUid"), reference.get("node"), reference.get("deadLetterId"));
        if (!found.isFound()) {
            park(exchange, found);
            return;
        }
        Path file = found.file();
        Properties facts = new Properties();
        putIfPresent(facts, DicomHeaders.FACT_CALLING_AE, reference.get("callingAeTitle"));
        putIfPresent(facts, DicomHeaders.FACT_RECEIVED_AT, reference.get("receivedAt"));
        exchange.getMessage().removeHeaders("pacs.dlq.*");
        DicomHeaders.describe(exchange.getMessage(), file, facts);
        exchange.setProperty(KEPT_FILE, file);
    }

    /**
     * Whether the dead letter's input still waits for its findings event. One whose input has had
     * its event since (it was sent again, or an earlier dead letter of it was replayed) is skipped
     * and counted; its publication would be refused anyway ({@link KafkaIdempotentStore}).
     *
     * @param mark the input's key in the sent-once store
     */
    public boolean stillOwed(Exchange exchange, String mark) {
        if (mark == null || !sentOnce.hasEvent(mark)) {
            return true;
        }
        skipped.incrementAndGet();
        LOG.infof("Dead letter at offset %s skipped: its input has had its findings event since",
                exchange.getMessage().getHeader(KafkaConstants.OFFSET));
        return false;
    }

    private void park(Exchange exchange, FailedObjectFiles.Resolution why) {
        parked.incrementAndGet();
        exchange.setProperty(PARKED, why.elsewhere() ? "elsewhere" : "missing");
        exchange.getMessage().setHeader(DeadLetterHeaders.REASON, "replay parked: " + why.reason());
        LOG.warnf("Dead letter at offset %s parked: %s%s", exchange.getMessage().getHeader(KafkaConstants.OFFSET),
                why.reason(), why.elsewhere() ? "; published again for a replay on that node" : "");
    }

    /**
     * The replayed object's outcome is durable: its kept copy can go, unless the replay failed again
     * and the copy was kept for the new dead letter.
     */
    public void forgetDicomObject(Exchange exchange) throws IOException {
        Path kept = exchange.getProperty(KEPT_FILE, Path.class);
        if (kept != null && !kept.equals(exchange.getProperty(FailedDicomObjects.KEPT, Path.class))) {
            Files.deleteIfExists(kept);
        }
    }

    private static void putIfPresent(Properties facts, String key, Object value) {
        if (value != null) {
            facts.setProperty(key, value.toString());
        }
    }

    /** Ends a replay exchange without committing its record. */
    public static final class ReplayCaughtUpException extends RuntimeException {
        ReplayCaughtUpException() {
            super("replay caught up", null, false, false);
        }
    }
}
