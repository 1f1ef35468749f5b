package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacsbridge.tcia.TciaTestData.LIDC;
import static org.pacsbridge.tcia.TciaTestData.SBU;
import static org.pacsbridge.tcia.TciaTestData.SERIES_CR;
import static org.pacsbridge.tcia.TciaTestData.SERIES_CT;
import static org.pacsbridge.tcia.TciaTestData.SERIES_DX;
import static org.pacsbridge.tcia.TciaTestData.SERIES_LIDC;
import static org.pacsbridge.tcia.TciaTestData.UNKNOWN_SERIES;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.pacsbridge.tcia.TciaException.Kind;

/** The NBIA v4 client against the test double: every endpoint and what differs from v1. */
class NbiaV4ClientTest {

    @RegisterExtension
    static final TciaDoubleClient tcia = new TciaDoubleClient(server -> TestSettings.fast(server, TciaApi.NBIA_V4).build());

    @TempDir
    Path dir;

    @Test
    void valueListsAreUpperCasedAndKeepSkippingEmptyObjects() throws Exception {
        assertEquals(List.of(TciaTestData.SBU, LIDC, TciaTestData.RICORD), tcia.client().getCollectionValues());
        assertEquals(List.of("CR", "DX", "CT"), tcia.client().getModalityValues("covid-19-ny-sbu", null));
        assertEquals(List.of("CHEST"), tcia.client().getBodyPartValues(SBU, null));
        assertEquals(List.of("GE MEDICAL SYSTEMS"), tcia.client().getManufacturerValues(LIDC, "DX", "CHEST"));
        assertEquals("/nbia-api/services/v4/getManufacturerValues", tcia.server().last("/getManufacturerValues").path());
    }

    @Test
    void patientsHaveNoBirthDateButAuthorized() throws Exception {
        TciaPatient patient = tcia.client().getPatients(LIDC, null).get(0);
        assertEquals("LIDC-IDRI-0001", patient.patientId());
        assertNull(patient.patientBirthDate());
        assertEquals(Boolean.TRUE, patient.authorized());
        assertEquals(List.of("A000123"), tcia.client().getPatients(SBU, "A000123").stream().map(TciaPatient::patientId).toList());
        assertEquals(Map.of("Collection", SBU, "PatientId", "A000123"), tcia.server().last("/getPatient").query());
        assertEquals(List.of("LIDC-IDRI-0001"), tcia.client().getPatientIdsByModality(LIDC, "DX"));
    }

    @Test
    void studiesWithMonthDayYearDates() throws Exception {
        TciaStudy study = tcia.client().getPatientStudies(new TciaStudyQuery(SBU, null, TciaTestData.STUDY_2)).get(0);
        assertEquals(LocalDate.of(2020, 4, 2), study.studyDate());
        assertEquals(2, study.seriesCount());
        assertEquals(Boolean.TRUE, study.authorized());
        assertNull(study.patientBirthDate());
        assertEquals(Map.of("Collection", SBU, "StudyInstanceUID", TciaTestData.STUDY_2),
                tcia.server().last("/getPatientStudy").query());
    }

    @Test
    void seriesHaveThe30KeysOfV4() throws Exception {
        TciaSeries cr = tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU).withModality("CR")).get(0);
        assertEquals(SERIES_CR, cr.seriesInstanceUid());
        assertEquals(LocalDate.of(2020, 3, 18), cr.seriesDate());
        assertEquals(LocalDateTime.of(2021, 8, 10, 0, 0), cr.dateReleased(), "v4 gives days only");
        assertEquals(LocalDateTime.of(2021, 8, 5, 0, 0), cr.maxSubmissionTimestamp());
        assertNull(cr.timeStamp(), "a v1 key");
        assertEquals("https://doi.org/10.7937/TCIA.EXAMPLE-0001", cr.dataDescriptionUri());
        assertNull(cr.collectionUri(), "a v1 key");
        assertEquals("Stony Brook", cr.site());
        assertEquals("061Y", cr.patientAge());
        assertEquals("Yes", cr.releasedStatus());
        assertEquals(Boolean.TRUE, cr.authorized());
        assertEquals(7_340_124L, cr.fileSize());
        assertEquals(LocalDate.of(2020, 3, 18), cr.studyDate());
    }

    @Test
    void seriesSizeAndSopInstanceUids() throws Exception {
        assertEquals(new TciaSeriesSize(8_178_810L, 1), tcia.client().getSeriesSize(SERIES_LIDC).orElseThrow());
        assertTrue(tcia.client().getSeriesSize(UNKNOWN_SERIES).isEmpty());
        assertEquals(List.of(SERIES_LIDC + ".1"), tcia.client().getSopInstanceUids(SERIES_LIDC));
    }

    @Test
    void seriesMetadataIsOnePostOfAUidListAskingForJson() throws Exception {
        List<TciaSeriesMetadata> metadata = tcia.client().getSeriesMetadata(List.of(SERIES_CR, UNKNOWN_SERIES, SERIES_LIDC));
        assertEquals(List.of(SERIES_CR, SERIES_LIDC), metadata.stream().map(TciaSeriesMetadata::seriesInstanceUid).toList());
        List<TciaTestServer.Received> posts = tcia.server().received("/getSeriesMetadata");
        assertEquals(1, posts.size());
        TciaTestServer.Received post = posts.get(0);
        assertEquals("POST", post.method());
        assertEquals(Map.of("list", SERIES_CR + "," + UNKNOWN_SERIES + "," + SERIES_LIDC, "format", "json"), post.form());
        assertTrue(post.query().isEmpty());

        assertTrue(tcia.client().getSeriesMetadata(UNKNOWN_SERIES).isEmpty());
        assertEquals(LocalDate.of(2000, 1, 1), tcia.client().getSeriesMetadata(SERIES_LIDC).orElseThrow().studyDate());
    }

    @Test
    void seriesMetadataForManySeriesGoesInBatches() throws Exception {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < NbiaClient.METADATA_BATCH + 5; i++) {
            uids.add("9.9.9." + i);
        }
        uids.add(SERIES_CT);
        List<TciaSeriesMetadata> metadata = tcia.client().getSeriesMetadata(uids);
        assertEquals(List.of(SERIES_CT), metadata.stream().map(TciaSeriesMetadata::seriesInstanceUid).toList());
        assertEquals(2, tcia.server().received("/getSeriesMetadata").size());
    }

    @Test
    void incrementalEndpointsSendFromDateMonthDayYear() throws Exception {
        List<TciaSeries> updated = tcia.client().getUpdatedSeries(LocalDate.of(2022, 1, 15));
        assertEquals(Map.of("fromDate", "01-15-2022"), tcia.server().last("/getUpdatedSeries").query());
        assertEquals(List.of(SERIES_DX, SERIES_CT), updated.stream().map(TciaSeries::seriesInstanceUid).toList());
        assertEquals(16_357_620L, updated.get(0).fileSize(), "v4 getUpdatedSeries has all 30 keys");

        List<TciaPatient> patients = tcia.client().getNewPatientsInCollection(SBU, LocalDate.of(2022, 1, 15));
        assertEquals(Map.of("Collection", SBU, "fromDate", "01-15-2022"), tcia.server().last("/NewPatientsInCollection").query());
        assertEquals(List.of("A000456"), patients.stream().map(TciaPatient::patientId).toList(), "v4 is inclusive");

        List<TciaStudy> studies = tcia.client().getNewStudiesInPatientCollection(SBU, LocalDate.of(2021, 8, 10), null);
        assertEquals(Map.of("Collection", SBU, "fromDate", "08-10-2021"),
                tcia.server().last("/NewStudiesInPatientCollection").query());
        assertEquals(List.of(TciaTestData.STUDY_1, TciaTestData.STUDY_2),
                studies.stream().map(TciaStudy::studyInstanceUid).toList());
    }

    @Test
    void sharedListsAreReadFromTheV1PathBesideV4() throws Exception {
        List<TciaSeries> contents = tcia.client().getSharedListContents(TciaTestData.SHARED_LIST);
        assertEquals(List.of(SERIES_CR, SERIES_DX), contents.stream().map(TciaSeries::seriesInstanceUid).toList());
        assertEquals("/nbia-api/services/v1/getContentsByName", tcia.server().last("/getContentsByName").path());
        assertEquals(LocalDateTime.of(2022, 1, 15, 12, 49, 2), contents.get(1).dateReleased(), "v1 timestamps");
    }

    @Test
    void imageWithIncludeMd5() throws Exception {
        try (TciaImageDownload download = tcia.client().getImage(SERIES_DX, new TciaImageOptions(true, true))) {
            TciaUnpackResult result = new TciaZipUnpacker(TciaZipLimits.DEFAULT).unpack(download.body(), dir);
            assertEquals(List.of("1-1.dcm", "1-2.dcm"),
                    result.dicomFiles().stream().map(p -> p.getFileName().toString()).toList());
            assertEquals(List.of("LICENSE", "md5hashes.csv"), result.skippedEntries());
        }
        assertEquals(Map.of("SeriesInstanceUID", SERIES_DX, "NewFileNames", "Yes", "IncludeMD5", "Yes"),
                tcia.server().last("/getImage").query());
    }

    @Test
    void imageOfAnInaccessibleSeries() {
        TciaException e = assertThrows(TciaException.class, () -> tcia.client().getImage(UNKNOWN_SERIES));
        assertEquals(Kind.BAD_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("has not been granted the access"), e.getMessage());
        assertTrue(e.getMessage().startsWith("TCIA getImage: "), e.getMessage());
    }

    @Test
    void v4RejectsAParameterOutsideItsAllowList() {
        TciaException e = assertThrows(TciaException.class,
                () -> tcia.client().query("getSeries", Map.of("collection", SBU), TciaFormat.JSON));
        assertEquals(Kind.BAD_REQUEST, e.kind());
        assertTrue(e.bodyExcerpt().startsWith("Invalid query parameter: 'collection'"), e.bodyExcerpt());
    }

    @Test
    void everyTypedCallStaysInsideTheAllowLists() throws Exception {
        tcia.client().getCollectionValues();
        tcia.client().getModalityValues(SBU, "CHEST");
        tcia.client().getBodyPartValues(SBU, "CR");
        tcia.client().getManufacturerValues(SBU, "CR", "CHEST");
        tcia.client().getPatients(SBU, "A000123");
        tcia.client().getPatientIdsByModality(SBU, "CR");
        tcia.client().getPatientStudies(new TciaStudyQuery(SBU, "A000123", TciaTestData.STUDY_1));
        tcia.client().getSeries(new TciaSeriesQuery(SBU, "A000123", TciaTestData.STUDY_1, SERIES_CR, "CR", "CHEST",
                "FUJIFILM Corporation", "FCR CAPSULA"));
        tcia.client().getSeriesSize(SERIES_CR);
        tcia.client().getSopInstanceUids(SERIES_CR);
        tcia.client().getUpdatedSeries(LocalDate.of(2020, 1, 1));
        tcia.client().getNewPatientsInCollection(SBU, LocalDate.of(2020, 1, 1));
        tcia.client().getNewStudiesInPatientCollection(SBU, LocalDate.of(2020, 1, 1), "A000123");
        assertEquals(13, tcia.server().received().size(), "each call answered without a 400");
    }

    @Test
    void rawQueryAsHtml() throws Exception {
        TciaRawAnswer html = tcia.client().query("getCollectionValues", Map.of(), TciaFormat.HTML);
        assertTrue(html.body().contains("<td>" + LIDC + "</td>"), html.body());
        assertEquals(Map.of("format", "html"), tcia.server().last("/getCollectionValues").query());
    }
}
