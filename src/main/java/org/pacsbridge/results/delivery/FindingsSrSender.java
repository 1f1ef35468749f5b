package org.pacsbridge.results.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.DicomProducerException;
import org.pacsbridge.failure.Backoff;
import org.pacsbridge.results.FindingsEventReader;
import org.pacsbridge.results.FindingsSr;

/**
 * Stores the findings SR of one CV findings event into the PACS with the node's {@code dicom:}
 * producer. A transient failure (PACS busy or unreachable) is tried again with backoff up to
 * {@code pacs.results.sr.max-attempts}; what still fails, a refusal, or an event the SR cannot be
 * built from is thrown for the route to dead-letter.
 */
@ApplicationScoped
@Named("findingsSrSender")
public class FindingsSrSender {

    /** The stored SR's SOP Instance UID, set on the exchange after the store. */
    public static final String SR_SOP_INSTANCE_UID = "pacs.results.sr.sop-instance-uid";

    private static final Logger LOG = Logger.getLogger(FindingsSrSender.class);

    @Inject
    ResultsSettings settings;

    @Inject
    ProducerTemplate producer;

    @Inject
    MeterRegistry registry;

    void check(@Observes StartupEvent start) {
        ResultsSettings.Sr sr = settings.sr();
        if (sr.enabled() && !sr.destination().map(d -> d.startsWith("dicom:")).orElse(false)) {
            throw new IllegalStateException(
                    "pacs.results.sr.enabled=true needs pacs.results.sr.destination, a dicom:AET@host:port URI");
        }
        if (sr.maxAttempts() < 1) {
            throw new IllegalStateException("pacs.results.sr.max-attempts must be at least 1");
        }
        // scraped from the start, at 0: a rate over a series that appears only at its first SR misses that SR
        registry.counter("pacs_results_sr_total", "outcome", "sent");
        registry.counter("pacs_results_sr_total", "outcome", "failed");
    }

    public void send(Exchange exchange)
            throws DicomProducerException, SrDestinationMissingException, IOException, InterruptedException {
        ResultsSettings.Sr sr = settings.sr();
        String destination = sr.destination().orElseThrow(SrDestinationMissingException::new);
        FindingsSr report = FindingsEventReader.read(exchange.getMessage().getBody(String.class), sr.engineVersion(),
                sr.engineManufacturer()).build();
        exchange.getMessage().setHeader(SR_SOP_INSTANCE_UID, report.sopInstanceUid());
        Path file = Files.createTempFile("findings-sr-", ".dcm");
        try {
            Files.write(file, report.part10());
            store(file, destination, sr);
        } finally {
            Files.deleteIfExists(file);
        }
        registry.counter("pacs_results_sr_total", "outcome", "sent").increment();
    }

    /** The route's error handler counts an SR that was not stored (it goes to the dead-letter topic). */
    public void failed() {
        registry.counter("pacs_results_sr_total", "outcome", "failed").increment();
    }

    private void store(Path file, String destination, ResultsSettings.Sr sr)
            throws DicomProducerException, InterruptedException {
        Backoff backoff = new Backoff(sr.initialBackoff(), sr.maxBackoff(), 0.5);
        for (int attempt = 1;; attempt++) {
            Exchange sent = producer.send(destination, e -> e.getMessage().setBody(file.toFile()));
            Exception failure = sent.getException();
            if (failure == null) {
                return;
            }
            if (!(failure instanceof DicomProducerException dicom)) {
                throw new IllegalStateException("storing the findings SR failed", failure);
            }
            if (!dicom.isTransient() || attempt >= sr.maxAttempts()) {
                throw dicom;
            }
            Duration wait = backoff.after(attempt);
            LOG.infof("Findings SR not stored (attempt %d of %d), trying again in %d ms: %s", attempt,
                    sr.maxAttempts(), wait.toMillis(), dicom.getMessage());
            Thread.sleep(wait.toMillis());
        }
    }
}
