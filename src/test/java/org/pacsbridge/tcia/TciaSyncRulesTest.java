package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The sync's rules without a broker: shipped defaults, scope, what counts as a change, the state record. */
class TciaSyncRulesTest {

    private static final URI BASE = URI.create("https://nbia.cancerimagingarchive.net/nbia-api/services/v4");
    private static final Instant T0 = Instant.parse("2026-01-05T03:00:00Z");

    @Test
    void theShippedDefaultsSyncChestRadiographCollectionsDailyWithTheScheduleAndImagesOff() throws IOException {
        TciaConfig tcia = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Path.of("config", "application.properties").toUri().toURL(), 250))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(TciaConfig.class)
                .build().getConfigMapping(TciaConfig.class);

        assertEquals(List.of("COVID-19-NY-SBU", "COVID-19-AR", "MIDRC-RICORD-1C"), tcia.collections());
        assertEquals(List.of("CR", "DX"), tcia.modalities());
        assertEquals("0 0 3 * * ?", tcia.schedule());
        assertEquals(Duration.ofDays(7), tcia.fullSyncEvery());
        assertFalse(tcia.sync().enabled());
        assertFalse(tcia.images().enabled());
        assertEquals(1L << 30, tcia.images().byteBudget());
        assertEquals("data/tcia", tcia.images().dir());
    }

    @Test
    void theScopeIgnoresCaseAndOrderAndNeedsAValue() {
        TciaSyncScope scope = new TciaSyncScope(TciaApi.NBIA_V4, List.of("LIDC-IDRI", " covid-19-ny-sbu "), List.of("dx", "CR"));
        assertEquals(new TciaSyncScope(TciaApi.NBIA_V4, List.of("COVID-19-NY-SBU", "lidc-idri"), List.of("CR", "DX"))
                .fingerprint(), scope.fingerprint());
        assertTrue(scope.covers("Covid-19-NY-SBU", "cr"));
        assertFalse(scope.covers(TciaTestData.SBU, "CT"));
        assertFalse(scope.covers(null, "CR"));
        assertTrue(!scope.fingerprint().equals(new TciaSyncScope(TciaApi.NBIA_V1, scope.collections(),
                scope.modalities()).fingerprint()), "another interface is another scope");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TciaSyncScope(TciaApi.NBIA_V4, List.of(" "), List.of("CR")));
        assertTrue(e.getMessage().startsWith("pacs.tcia.collections"), e.getMessage());
    }

    @Test
    void whenAndFromWhereAValueWasPublishedIsNoChangeButTciaMetadataIs() {
        TciaSeries series = series(1, 7_340_124L);
        String published = TciaSeriesJson.toJson(series, TciaApi.NBIA_V4, BASE, T0);
        String sameLater = TciaSeriesJson.toJson(series, TciaApi.NBIA_V4, URI.create("http://mirror.example/v4"),
                T0.plus(Duration.ofDays(1)));
        String moreImages = TciaSeriesJson.toJson(series(2, 7_340_124L), TciaApi.NBIA_V4, BASE, T0);

        assertTrue(TciaSeriesJson.sameContent(published, sameLater));
        assertFalse(TciaSeriesJson.sameContent(published, moreImages));
        TciaSeriesSchema.assertValid(published);
        for (String patientLevel : List.of("061Y", "pneumonia", "\"M\"")) {
            assertFalse(published.contains(patientLevel), "patient-level value " + patientLevel + " published");
        }
        TciaSeriesJson.CatalogueSeries read = TciaSeriesJson.read(published);
        assertEquals(7_340_124L, read.fileSize());
        assertEquals("CHEST", read.bodyPartExamined());
    }

    @Test
    void onlyAFullListingRemovesAndOnlyWhatItIsAllowedTo() {
        String a = TciaSeriesJson.toJson(series("1.2.3.1", 1), TciaApi.NBIA_V4, BASE, T0);
        String b = TciaSeriesJson.toJson(series("1.2.3.2", 1), TciaApi.NBIA_V4, BASE, T0);
        String c = TciaSeriesJson.toJson(series("1.2.3.3", 1), TciaApi.NBIA_V4, BASE, T0);
        Map<String, String> published = new LinkedHashMap<>(Map.of("1.2.3.1", a, "1.2.3.2", b));
        String bChanged = TciaSeriesJson.toJson(series("1.2.3.2", 5), TciaApi.NBIA_V4, BASE, T0.plusSeconds(60));
        Map<String, String> listed = new LinkedHashMap<>();
        listed.put("1.2.3.2", bChanged);
        listed.put("1.2.3.3", c);

        TciaCatalogueDiff.Changes upserts = TciaCatalogueDiff.upserts(published, listed);
        assertEquals(List.of("1.2.3.2", "1.2.3.3"), List.copyOf(upserts.records().keySet()));
        assertEquals(1, upserts.added());
        assertEquals(1, upserts.changed());
        assertEquals(0, upserts.removed());

        TciaCatalogueDiff.Changes reconciled = TciaCatalogueDiff.reconcile(published, listed, value -> true);
        assertEquals(1, reconciled.removed());
        assertTrue(reconciled.records().containsKey("1.2.3.1"));
        assertNull(reconciled.records().get("1.2.3.1"));
        assertEquals(0, TciaCatalogueDiff.reconcile(published, listed, value -> false).removed());
        assertTrue(TciaCatalogueDiff.upserts(Map.of("1.2.3.2", b), Map.of("1.2.3.2", b)).isEmpty());
    }

    @Test
    void theStateRecordRoundTripsAndForeignValuesAreIgnored() throws IOException {
        TciaSyncState state = new TciaSyncState("nbia-v4|COVID-19-NY-SBU|CR,DX", LocalDate.of(2026, 1, 5), T0,
                T0.plusSeconds(12));
        assertEquals(state, TciaSyncState.fromJson(state.toJson()).orElseThrow());
        assertEquals(TciaSyncState.SCHEMA, new ObjectMapper().readTree(state.toJson()).get("schema").asText());
        assertTrue(TciaSyncState.fromJson("{\"schema\":\"something-else\"}").isEmpty());
        assertTrue(TciaSyncState.fromJson("not json").isEmpty());
        assertTrue(TciaSyncState.fromJson(null).isEmpty());
    }

    private static TciaSeries series(int images, long size) {
        return series(TciaTestData.SERIES_CR, images, size);
    }

    private static TciaSeries series(String uid, int images) {
        return series(uid, images, 1000L * images);
    }

    private static TciaSeries series(String uid, int images, long size) {
        LocalDateTime released = LocalDateTime.of(2021, 8, 10, 0, 0);
        return new TciaSeries(uid, TciaTestData.STUDY_1, "CR", null, LocalDate.of(2020, 3, 18), "AP", "CHEST", 1,
                false, TciaTestData.SBU, "Stony Brook", "A000123", "M", "061Y", "pneumonia", "FUJIFILM Corporation",
                "FCR CAPSULA", "A06", images, null, released, TciaTestData.LICENSE_NAME,
                "https://creativecommons.org/licenses/by/4.0/", null, "https://doi.org/10.7937/TCIA.EXAMPLE-0001", size,
                "Yes", released, "CHEST AP PORTABLE", LocalDate.of(2020, 3, 18), "NO", true);
    }
}
