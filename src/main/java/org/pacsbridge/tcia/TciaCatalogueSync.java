package org.pacsbridge.tcia;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;
import org.pacsbridge.ops.kafka.CompactedTopic;
import org.pacsbridge.ops.kafka.KafkaTopicException;

/**
 * One run of the reference sync: brings the catalogue topic in line with what TCIA lists for the
 * configured collections and modalities.
 *
 * <p>The catalogue topic itself is the record of what was published: each run reads it back from
 * the beginning and publishes only differences. The state topic holds the high-water mark (the day
 * of the last successful run) and when the last full listing ran. A run is incremental
 * ({@code getUpdatedSeries} since the day before the mark, then a listing of just the affected
 * collections and modalities) unless a full listing is due, asked for, or the scope changed; only a
 * full listing removes series, since TCIA has no feed of removals. The state is written after the
 * catalogue records are acknowledged, so a failed run is simply done again.
 *
 * <p>Not thread-safe: one run at a time (the caller serialises).
 */
public final class TciaCatalogueSync {

    private static final Logger LOG = Logger.getLogger(TciaCatalogueSync.class);

    private final TciaSyncSource client;
    private final URI baseUrl;
    private final TciaSyncScope scope;
    private final CompactedTopic catalogueTopic;
    private final CompactedTopic stateTopic;
    private final Duration fullSyncEvery;
    private final Clock clock;
    private final TciaSyncMetrics metrics;

    /**
     * @param baseUrl       where {@code client} reads from; named in each published value
     * @param fullSyncEvery longest time between two full listings
     */
    public TciaCatalogueSync(TciaSyncSource client, URI baseUrl, TciaSyncScope scope, CompactedTopic catalogueTopic,
            CompactedTopic stateTopic, Duration fullSyncEvery, Clock clock, TciaSyncMetrics metrics) {
        this.client = Objects.requireNonNull(client, "client");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.catalogueTopic = Objects.requireNonNull(catalogueTopic, "catalogueTopic");
        this.stateTopic = Objects.requireNonNull(stateTopic, "stateTopic");
        this.fullSyncEvery = Objects.requireNonNull(fullSyncEvery, "fullSyncEvery");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * @param fullRequested list everything even if an incremental run would do
     * @throws TciaException       TCIA did not answer usefully; nothing was published
     * @throws KafkaTopicException a topic could not be read or written; the run can be repeated
     */
    public TciaSyncReport run(boolean fullRequested) throws TciaException, KafkaTopicException {
        Instant startedAt = clock.instant();
        TciaAnswerTally.Counts tallyAtStart = client.answerTally().counts();
        try {
            Map<String, String> published = catalogueTopic.readAll();
            Optional<TciaSyncState> state = readState();
            String fullBecause = fullBecause(state, fullRequested, startedAt);
            boolean full = fullBecause != null;
            String why = full ? fullBecause : "released since " + state.orElseThrow().highWaterMark().minusDays(1);
            LOG.infof("TCIA sync starting: %s (%s); %d series published so far", full ? "full listing" : "incremental",
                    why, published.size());
            TciaCatalogueDiff.Changes changes = full ? fullListing(published, startedAt)
                    : incremental(published, state.orElseThrow(), startedAt);
            catalogueTopic.write(changes.records());
            Instant finishedAt = clock.instant();
            TciaSyncState next = new TciaSyncState(scope.fingerprint(), startedAt.atZone(ZoneOffset.UTC).toLocalDate(),
                    full ? startedAt : state.orElseThrow().lastFullSyncAt(), finishedAt);
            stateTopic.write(Map.of(TciaSyncState.KEY, next.toJson()));
            TciaAnswerTally.Counts passedOver = client.answerTally().counts().since(tallyAtStart);
            if (!passedOver.isEmpty()) {
                LOG.warnf("TCIA answers were loose: %d elements skipped (no Series UID or not an object), %d optional"
                        + " values unreadable and read as absent (details at DEBUG)", passedOver.skippedElements(),
                        passedOver.unreadableValues());
            }
            TciaSyncReport report = new TciaSyncReport(full ? TciaSyncReport.Mode.FULL : TciaSyncReport.Mode.INCREMENTAL,
                    why, startedAt, finishedAt, changes.seen(), changes.added(), changes.changed(), changes.removed(),
                    passedOver, apply(published, changes.records()));
            metrics.recorded(report);
            return report;
        } catch (TciaException e) {
            metrics.error(TciaSyncMetrics.API);
            throw e;
        } catch (KafkaTopicException e) {
            metrics.error(TciaSyncMetrics.KAFKA);
            throw e;
        }
    }

    /** The high-water mark as the state topic holds it. */
    public Optional<TciaSyncState> readState() throws KafkaTopicException {
        Optional<TciaSyncState> state = TciaSyncState.fromJson(stateTopic.readAll().get(TciaSyncState.KEY));
        state.ifPresent(s -> metrics.succeeded(s.lastSuccessAt()));
        return state;
    }

    /** Why this run must list everything, or null when an incremental run will do. */
    private String fullBecause(Optional<TciaSyncState> state, boolean fullRequested, Instant now) {
        if (fullRequested) {
            return "requested";
        }
        if (!client.supports(TciaOperation.UPDATED_SERIES)) {
            return "the " + client.api().configName() + " interface has no getUpdatedSeries";
        }
        if (state.isEmpty()) {
            return "no high-water mark yet";
        }
        if (!state.get().scope().equals(scope.fingerprint())) {
            return "collections, modalities or interface changed";
        }
        if (!Duration.between(state.get().lastFullSyncAt(), now).minus(fullSyncEvery).isNegative()) {
            return "last full listing at " + state.get().lastFullSyncAt();
        }
        return null;
    }

    private TciaCatalogueDiff.Changes fullListing(Map<String, String> published, Instant now) throws TciaException {
        Map<String, String> listed = new LinkedHashMap<>();
        Set<String> emptyPairs = new LinkedHashSet<>();
        Set<String> incompletePairs = new LinkedHashSet<>();
        for (String collection : scope.collections()) {
            for (String modality : scope.modalities()) {
                long skippedBefore = client.answerTally().counts().skippedElements();
                if (list(collection, modality, listed, now) == 0) {
                    emptyPairs.add(pair(collection, modality));
                }
                if (client.answerTally().counts().skippedElements() > skippedBefore) {
                    incompletePairs.add(pair(collection, modality));
                }
            }
        }
        warnAboutEmptyListings(published, emptyPairs);
        if (!incompletePairs.isEmpty()) {
            LOG.warnf("TCIA's listing of %s had elements without a Series UID: no series of these is removed in this run",
                    incompletePairs);
        }
        Set<String> keep = new LinkedHashSet<>(emptyPairs);
        keep.addAll(incompletePairs);
        return TciaCatalogueDiff.reconcile(published, listed, value -> mayRemove(value, keep));
    }

    private TciaCatalogueDiff.Changes incremental(Map<String, String> published, TciaSyncState state, Instant now)
            throws TciaException {
        // v1 answers what was released strictly after the day, v4 on or after it: a day of overlap covers both
        List<TciaSeries> updated = client.getUpdatedSeries(state.highWaterMark().minusDays(1));
        Map<String, String[]> affected = new LinkedHashMap<>();
        for (TciaSeries series : updated) {
            if (scope.covers(series)) {
                String collection = configured(scope.collections(), series.collection());
                String modality = configured(scope.modalities(), series.modality());
                affected.putIfAbsent(pair(collection, modality), new String[] {collection, modality});
            }
        }
        // the update list is short in NBIA v1/v2 (no file size, no timestamps): list the affected
        // collections in full shape instead, so that every published value has the same keys
        Map<String, String> listed = new LinkedHashMap<>();
        for (String[] pair : affected.values()) {
            list(pair[0], pair[1], listed, now);
        }
        LOG.debugf("TCIA getUpdatedSeries: %d series released, %d collection/modality pairs to list again",
                updated.size(), affected.size());
        return TciaCatalogueDiff.upserts(published, listed);
    }

    /** Lists one collection/modality pair into {@code listed}; returns how many series it had. */
    private int list(String collection, String modality, Map<String, String> listed, Instant now) throws TciaException {
        List<TciaSeries> series = client.getSeries(TciaSeriesQuery.inCollection(collection).withModality(modality));
        int count = 0;
        for (TciaSeries s : series) {
            if (scope.covers(s)) {
                listed.put(s.seriesInstanceUid(), TciaSeriesJson.toJson(s, client.api(), baseUrl, now));
                count++;
            }
        }
        return count;
    }

    /**
     * TCIA answers an unknown collection, and some failures, with an empty 200: an empty listing
     * of a pair that has published series is not taken as the removal of them all. Nor is a listing
     * that skipped elements it could not identify: the missing series may be among them.
     */
    private boolean mayRemove(String publishedValue, Set<String> keptPairs) {
        String pair = pairOf(publishedValue);
        return pair == null || !keptPairs.contains(pair);
    }

    private void warnAboutEmptyListings(Map<String, String> published, Set<String> emptyPairs) {
        if (emptyPairs.isEmpty()) {
            return;
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String value : published.values()) {
            String pair = pairOf(value);
            if (pair != null && emptyPairs.contains(pair)) {
                kept.add(pair);
            }
        }
        if (!kept.isEmpty()) {
            LOG.warnf("TCIA listed no series for %s although the catalogue has some; they are kept (check the"
                    + " collection names in pacs.tcia.collections)", kept);
        }
    }

    /** The collection/modality pair of a published value in scope; null for one out of scope or unreadable. */
    private String pairOf(String publishedValue) {
        try {
            TciaSeriesJson.CatalogueSeries series = TciaSeriesJson.read(publishedValue);
            return scope.covers(series.collection(), series.modality())
                    ? pair(series.collection(), series.modality()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> apply(Map<String, String> published, Map<String, String> records) {
        Map<String, String> catalogue = new LinkedHashMap<>(published);
        records.forEach((uid, value) -> {
            if (value == null) {
                catalogue.remove(uid);
            } else {
                catalogue.put(uid, value);
            }
        });
        return catalogue;
    }

    private static String configured(List<String> values, String value) {
        return values.stream().filter(v -> v.equalsIgnoreCase(value.strip())).findFirst().orElse(value);
    }

    private static String pair(String collection, String modality) {
        return (collection == null ? "" : collection.toUpperCase(Locale.ROOT)) + "/"
                + (modality == null ? "" : modality.toUpperCase(Locale.ROOT));
    }
}
