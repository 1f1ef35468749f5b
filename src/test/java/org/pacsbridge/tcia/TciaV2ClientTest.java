package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacsbridge.tcia.TciaTestData.LIDC;
import static org.pacsbridge.tcia.TciaTestData.SBU;
import static org.pacsbridge.tcia.TciaTestData.SERIES_CR;
import static org.pacsbridge.tcia.TciaTestData.SERIES_CT;
import static org.pacsbridge.tcia.TciaTestData.SERIES_DX;
import static org.pacsbridge.tcia.TciaTestData.UNKNOWN_SERIES;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.pacsbridge.tcia.TciaException.Kind;

/** The v2 programmatic interface of the brief against the test double. */
class TciaV2ClientTest {

    @RegisterExtension
    static final TciaDoubleClient tcia = new TciaDoubleClient(server -> TestSettings.fast(server, TciaApi.V2).apiKey(BindaasV2Double.API_KEY).build());

    @TempDir
    Path dir;

    @Test
    void documentedServers() {
        assertEquals(URI.create("https://services.cancerimagingarchive.net/services/v2"),
                TciaApi.V2.defaultBaseUrl(TciaServer.PRODUCTION));
        assertEquals(URI.create("https://services-test.cancerimagingarchive.net/services/v2"),
                TciaApi.V2.defaultBaseUrl(TciaServer.TEST));
        assertThrows(IllegalArgumentException.class, () -> TciaApi.NBIA_V4.defaultBaseUrl(TciaServer.TEST));
    }

    @Test
    void apiKeyTravelsAsAHeaderByDefault() throws Exception {
        tcia.client().getCollectionValues();
        TciaTestServer.Received request = tcia.server().last("/getCollectionValues");
        assertEquals("/services/v2/TCIA/query/getCollectionValues", request.path());
        assertEquals(BindaasV2Double.API_KEY, request.header("api_key"));
        assertEquals(Map.of("format", "json"), request.query());
        assertEquals("header", tcia.server().v2.lastKeyTransport());
    }

    @Test
    void apiKeyTravelsAsAQueryParameterWhenConfigured() throws Exception {
        try (TciaClient inQuery = TciaClients.create(TestSettings.fast(tcia.server(), TciaApi.V2)
                .apiKey(BindaasV2Double.API_KEY).apiKeyInQuery(true).build())) {
            assertEquals(3, inQuery.getCollectionValues().size());
        }
        TciaTestServer.Received request = tcia.server().last("/getCollectionValues");
        assertNull(request.header("api_key"));
        assertEquals(BindaasV2Double.API_KEY, request.query().get("api_key"));
        assertEquals("query", tcia.server().v2.lastKeyTransport());
    }

    @Test
    void aWrongKeyIsUnauthorized() {
        try (TciaClient wrong = TciaClients.create(TestSettings.fast(tcia.server(), TciaApi.V2).apiKey("not-the-key-000")
                .build())) {
            TciaException e = assertThrows(TciaException.class, wrong::getCollectionValues);
            assertEquals(Kind.UNAUTHORIZED, e.kind());
            assertEquals(401, e.httpStatus().getAsInt());
            assertFalse(e.getMessage().contains("not-the-key-000"));
            assertEquals(1, tcia.server().received().size(), "a rejected key is not retried");
        }
    }

    @Test
    void valueEndpointsWithTheirParameters() throws Exception {
        assertEquals(List.of(SBU, LIDC, TciaTestData.RICORD), tcia.client().getCollectionValues());
        assertEquals(List.of("CR", "CT"), tcia.client().getModalityValues(SBU, "CHEST"));
        assertEquals(Map.of("Collection", SBU, "BodyPartExamined", "CHEST", "format", "json"),
                tcia.server().last("/getModalityValues").query());
        assertEquals(List.of("CHEST"), tcia.client().getBodyPartValues(SBU, "CR"));
        assertEquals(Map.of("Collection", SBU, "Modality", "CR", "format", "json"),
                tcia.server().last("/getBodyPartValues").query());
        assertEquals(List.of("SIEMENS"), tcia.client().getManufacturerValues(SBU, "CT", "CHEST"));
        assertEquals(Map.of("Collection", SBU, "Modality", "CT", "BodyPartExamined", "CHEST", "format", "json"),
                tcia.server().last("/getManufacturerValues").query());
    }

    @Test
    void patientsUsePatientIdInCapitalsAndTheFilterIsAppliedLocally() throws Exception {
        List<TciaPatient> patients = tcia.client().getPatients(SBU, "a000456");
        assertEquals(List.of("A000456"), patients.stream().map(TciaPatient::patientId).toList());
        assertEquals(Map.of("Collection", SBU, "format", "json"), tcia.server().last("/getPatient").query(),
                "getPatient has only the Collection parameter in the brief");
        assertEquals("W", patients.get(0).ethnicGroup());
    }

    @Test
    void patientStudiesWithIsoDatesAndNumbersAsStrings() throws Exception {
        TciaStudy study = tcia.client().getPatientStudies(TciaStudyQuery.inCollection(SBU).withPatientId("A000456")
                .withStudyInstanceUid(TciaTestData.STUDY_2)).get(0);
        assertEquals(LocalDate.of(2020, 4, 2), study.studyDate());
        assertEquals(2, study.seriesCount(), "sent as \"2\"");
        assertEquals(Map.of("Collection", SBU, "PatientID", "A000456", "StudyInstanceUID", TciaTestData.STUDY_2,
                "format", "json"), tcia.server().last("/getPatientStudy").query());
    }

    @Test
    void seriesSendsOnlyTheBriefsParametersAndFiltersTheRest() throws Exception {
        List<TciaSeries> series = tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU).withModality("dx"));
        assertEquals(List.of(SERIES_DX), series.stream().map(TciaSeries::seriesInstanceUid).toList());
        assertEquals(Map.of("Collection", SBU, "format", "json"), tcia.server().last("/getSeries").query());

        List<TciaSeries> chest = tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU).withBodyPartExamined("CHEST")
                .withManufacturer("SIEMENS"));
        assertEquals(List.of(SERIES_CT), chest.stream().map(TciaSeries::seriesInstanceUid).toList());

        TciaSeries cr = tcia.client().getSeries(new TciaSeriesQuery(SBU, "A000123", TciaTestData.STUDY_1, SERIES_CR, null,
                null, null, null)).get(0);
        assertEquals(Map.of("Collection", SBU, "PatientID", "A000123", "StudyInstanceUID", TciaTestData.STUDY_1,
                "SeriesInstanceUID", SERIES_CR, "format", "json"), tcia.server().last("/getSeries").query());
        assertEquals(1, cr.imageCount(), "sent as \"1\"");
        assertEquals(1, cr.seriesNumber());
        assertEquals(Boolean.FALSE, cr.annotationsFlag(), "sent as \"false\"");
        assertEquals(LocalDate.of(2020, 3, 18), cr.seriesDate());
    }

    @Test
    void emptyResultsAreEmptyArrays() throws Exception {
        assertEquals(List.of(), tcia.client().getSeries(TciaSeriesQuery.inCollection("NO-SUCH-COLLECTION")));
        assertTrue(tcia.client().getSeriesSize(UNKNOWN_SERIES).isEmpty());
    }

    @Test
    void anEmptyBodyIsNotTakenForAnEmptyArray() {
        tcia.server().fail("/getSeries", TciaTestServer.Fault.status(200, "application/json", ""));
        TciaException e = assertThrows(TciaException.class, () -> tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU)));
        assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("an empty body where this interface answers [] for no rows"), e.getMessage());
    }

    @Test
    void seriesSizeAcceptsNumbersAsStrings() throws Exception {
        assertEquals(new TciaSeriesSize(7_340_124L, 1), tcia.client().getSeriesSize(SERIES_CR).orElseThrow());
        assertEquals(Map.of("SeriesInstanceUID", SERIES_CR, "format", "json"), tcia.server().last("/getSeriesSize").query());
    }

    @Test
    void sharedListByName() throws Exception {
        List<TciaSeries> contents = tcia.client().getSharedListContents(TciaTestData.SHARED_LIST);
        assertEquals(List.of(SERIES_CR, SERIES_DX), contents.stream().map(TciaSeries::seriesInstanceUid).toList());
        TciaTestServer.Received request = tcia.server().last("/ContentsByName");
        assertEquals("/services/v2/SharedList/query/ContentsByName", request.path());
        assertEquals(Map.of("name", TciaTestData.SHARED_LIST), request.query());
        assertEquals(BindaasV2Double.API_KEY, request.header("api_key"));
    }

    @Test
    void imageIsAZipStream() throws Exception {
        try (TciaImageDownload download = tcia.client().getImage(SERIES_DX)) {
            assertEquals(2, download.imageCount().getAsInt());
            assertEquals(SERIES_DX + ".zip", download.fileName().orElseThrow());
            TciaUnpackResult result = new TciaZipUnpacker(TciaZipLimits.DEFAULT).unpack(download.body(), dir);
            assertEquals(2, result.dicomFiles().size());
            assertEquals(0, result.skippedCount());
        }
        assertEquals(Map.of("SeriesInstanceUID", SERIES_DX), tcia.server().last("/getImage").query(), "ZIP only: no format");
    }

    @Test
    void anUnknownSeriesGivesAnEmptyZip() throws Exception {
        try (TciaImageDownload download = tcia.client().getImage(UNKNOWN_SERIES)) {
            TciaUnpackResult result = new TciaZipUnpacker(TciaZipLimits.DEFAULT).unpack(download.body(), dir);
            assertTrue(result.dicomFiles().isEmpty());
            assertEquals(0, download.imageCount().getAsInt());
        }
    }

    @Test
    void queryDescriptionIsTheMetadataOfAnEndpoint() throws Exception {
        String description = tcia.client().getQueryDescription("getSeries");
        assertEquals("getSeries", new ObjectMapper().readTree(description).get("name").asText());
        TciaTestServer.Received request = tcia.server().last("/metadata");
        assertEquals("/services/v2/TCIA/query/getSeries/metadata", request.path());
        assertTrue(request.query().isEmpty(), "no query parameters on /metadata");
    }

    @Test
    void otherFormatsThroughTheRawQuery() throws Exception {
        TciaRawAnswer csv = tcia.client().query("getModalityValues", Map.of("Collection", LIDC), TciaFormat.CSV);
        assertEquals("DX\n", csv.body());
        TciaRawAnswer xml = tcia.client().query("getCollectionValues", Map.of(), TciaFormat.XML);
        assertTrue(xml.body().startsWith("<results><result><Collection>"), xml.body());
        TciaRawAnswer html = tcia.client().query("getCollectionValues", Map.of(), TciaFormat.HTML);
        assertEquals("<table>3 rows</table>", html.body());
        assertEquals(Map.of("format", "html"), tcia.server().last("/getCollectionValues").query());
    }

    @Test
    void endpointsOfLaterVersionsAreUnsupportedWithoutARequest() {
        for (var call : List.<TciaCall>of(
                () -> tcia.client().getUpdatedSeries(LocalDate.of(2024, 1, 1)),
                () -> tcia.client().getNewPatientsInCollection(SBU, LocalDate.of(2024, 1, 1)),
                () -> tcia.client().getNewStudiesInPatientCollection(SBU, LocalDate.of(2024, 1, 1), null),
                () -> tcia.client().getSopInstanceUids(SERIES_CR),
                () -> tcia.client().getSeriesMetadata(SERIES_CR),
                () -> tcia.client().getPatientIdsByModality(SBU, "CR"),
                () -> tcia.client().getImage(SERIES_CR, new TciaImageOptions(true, false)))) {
            TciaException e = assertThrows(TciaException.class, call::run);
            assertEquals(Kind.UNSUPPORTED, e.kind());
            assertFalse(e.isTransient());
        }
        assertTrue(tcia.server().received().isEmpty());
        assertFalse(tcia.client().supports(TciaOperation.UPDATED_SERIES));
        assertTrue(tcia.client().supports(TciaOperation.QUERY_DESCRIPTION));
        assertTrue(tcia.client().supports(TciaOperation.IMAGE));
    }

    @FunctionalInterface
    interface TciaCall {
        void run() throws Exception;
    }
}
