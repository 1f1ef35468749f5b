package org.pacsbridge.xraydar;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.pacsbridge.reports.ReportsConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * X-Raydar-NLP is called on the reports consumer's own thread (routes/reports-kafka.yaml), so the
 * consumer polls again only once every record of its last poll is through. Should that take longer
 * than {@code max.poll.interval.ms}, the group hands the partition to another replica in the
 * middle of a call. The node therefore refuses to start unless the interval covers
 * {@code pacs.reports.max-poll-records} of the longest call: a bulkhead wait, then per attempt the
 * connect and read timeouts, and the longest backoff between attempts.
 */
@ApplicationScoped
public class NlpPollBudget {

    /** How long the client waits for a bulkhead slot (XraydarEndpoint's default; not configurable). */
    static final Duration BULKHEAD_WAIT = Duration.ofSeconds(30);

    void check(@Observes StartupEvent event, XraydarConfig config, ReportsConfig reports) {
        int maxPollRecords = reports.maxPollRecords();
        long maxPollIntervalMs = reports.maxPollIntervalMs();
        if (!config.nlp().enabled()) {
            return;
        }
        Duration needed = longestCall(config.nlp()).multipliedBy(maxPollRecords);
        if (Duration.ofMillis(maxPollIntervalMs).compareTo(needed) < 0) {
            throw new IllegalStateException("pacs.reports.max-poll-interval-ms=" + maxPollIntervalMs
                    + " is shorter than pacs.reports.max-poll-records (" + maxPollRecords + ") X-Raydar-NLP calls at"
                    + " their longest (" + needed.toMillis() + " ms): raise the interval or lower the records, the"
                    + " attempts or the timeouts (pacs.xraydar.nlp.*)");
        }
    }

    static Duration longestCall(XraydarConfig.Algorithm nlp) {
        Duration attempt = nlp.connectTimeout().plus(nlp.readTimeout());
        return BULKHEAD_WAIT.plus(attempt.multipliedBy(nlp.maxAttempts()))
                .plus(nlp.maxBackoff().multipliedBy(Math.max(0, nlp.maxAttempts() - 1)));
    }
}
