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
import static org.pacsbridge.tcia.TciaTestData.SERIES_LIDC;
import static org.pacsbridge.tcia.TciaTestData.UNKNOWN_SERIES;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.pacsbridge.tcia.TciaException.Kind;

/** The NBIA v1 client against the test double: every endpoint, and the v1 quirks. */
class NbiaV1ClientTest {

    @RegisterExtension
    static final TciaDoubleClient tcia = new TciaDoubleClient(server -> TestSettings.fast(server, TciaApi.NBIA_V1).build());

    @TempDir
    Path dir;

    @Test
    void collectionValues() throws Exception {
        assertEquals(List.of(SBU, LIDC, TciaTestData.RICORD), tcia.client().getCollectionValues());
        TciaTestServer.Received request = tcia.server().last("/getCollectionValues");
        assertEquals("GET", request.method());
        assertEquals("/nbia-api/services/v1/getCollectionValues", request.path());
        assertTrue(request.query().isEmpty(), "JSON is the default; no format parameter needed");
        assertNull(request.header("Authorization"));
    }

    @Test
    void modalityValuesFilteredByCollectionAndBodyPart() throws Exception {
        assertEquals(List.of("CR", "DX", "CT"), tcia.client().getModalityValues(SBU, null));
        assertEquals(List.of("CR", "CT"), tcia.client().getModalityValues(SBU, "CHEST"));
        assertEquals(Map.of("Collection", SBU, "BodyPartExamined", "CHEST"), tcia.server().last("/getModalityValues").query());
    }

    @Test
    void bodyPartValuesSkipTheEmptyObjectOfAMissingValue() throws Exception {
        // the double answers [{"BodyPartExamined":"CHEST"},{}] for the DX series without body part
        assertEquals(List.of("CHEST"), tcia.client().getBodyPartValues(SBU, null));
        assertEquals(List.of(), tcia.client().getBodyPartValues(SBU, "DX"));
        assertEquals(Map.of("Collection", SBU, "Modality", "DX"), tcia.server().last("/getBodyPartValues").query());
    }

    @Test
    void manufacturerValues() throws Exception {
        assertEquals(List.of("FUJIFILM Corporation", "Carestream Health"), tcia.client().getManufacturerValues(SBU, null, null)
                .subList(0, 2));
        assertEquals(List.of("GE MEDICAL SYSTEMS"), tcia.client().getManufacturerValues(LIDC, "DX", "CHEST"));
        assertEquals(Map.of("Collection", LIDC, "Modality", "DX", "BodyPartExamined", "CHEST"),
                tcia.server().last("/getManufacturerValues").query());
    }

    @Test
    void patientsUsePatientIdSpelledTheNbiaWay() throws Exception {
        List<TciaPatient> patients = tcia.client().getPatients(SBU, null);
        assertEquals(List.of("A000123", "A000456"), patients.stream().map(TciaPatient::patientId).toList());
        TciaPatient first = patients.get(0);
        assertEquals("M", first.patientSex());
        assertEquals("Homo sapiens", first.speciesDescription());
        assertEquals("NO", first.phantom());
        assertNull(first.ethnicGroup(), "left out by the server, so null");

        assertEquals(1, tcia.client().getPatients(LIDC, "lidc-idri-0001").size(), "patient filter is case-insensitive");
        assertEquals(Map.of("Collection", LIDC, "PatientId", "lidc-idri-0001"), tcia.server().last("/getPatient").query());
        assertEquals("1950-01-01 00:00:00.0", tcia.client().getPatients(LIDC, null).get(0).patientBirthDate());
    }

    @Test
    void patientIdsByModality() throws Exception {
        assertEquals(List.of("A000456"), tcia.client().getPatientIdsByModality(SBU, "DX"));
        assertEquals(Map.of("Collection", SBU, "Modality", "DX"),
                tcia.server().last("/getPatientByCollectionAndModality").query());
    }

    @Test
    void patientStudiesWithTimestampDates() throws Exception {
        List<TciaStudy> studies = tcia.client().getPatientStudies(TciaStudyQuery.inCollection(SBU).withPatientId("A000123"));
        assertEquals(1, studies.size());
        TciaStudy study = studies.get(0);
        assertEquals(TciaTestData.STUDY_1, study.studyInstanceUid());
        assertEquals(LocalDate.of(2020, 3, 18), study.studyDate());
        assertEquals("CHEST AP PORTABLE", study.studyDescription());
        assertEquals(1, study.seriesCount());
        assertEquals(2.0, study.longitudinalTemporalOffsetFromEvent());
        assertEquals("A000123", study.patientId());
        assertEquals(Map.of("Collection", SBU, "PatientID", "A000123"), tcia.server().last("/getPatientStudy").query());
    }

    @Test
    void seriesWithAllFiltersSentServerSide() throws Exception {
        List<TciaSeries> series = tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU).withModality("CR")
                .withBodyPartExamined("CHEST").withManufacturer("FUJIFILM Corporation")
                .withManufacturerModelName("FCR CAPSULA").withPatientId("A000123")
                .withStudyInstanceUid(TciaTestData.STUDY_1).withSeriesInstanceUid(SERIES_CR));
        assertEquals(1, series.size());
        TciaSeries cr = series.get(0);
        assertEquals(SERIES_CR, cr.seriesInstanceUid());
        assertEquals(LocalDate.of(2020, 3, 18), cr.seriesDate());
        assertEquals(LocalDateTime.of(2021, 8, 5, 10, 12, 33), cr.timeStamp());
        assertEquals(LocalDateTime.of(2021, 8, 10, 0, 0), cr.dateReleased());
        assertEquals(7_340_124L, cr.fileSize());
        assertEquals(1, cr.imageCount());
        assertEquals(Boolean.FALSE, cr.annotationsFlag());
        assertEquals("https://doi.org/10.7937/TCIA.EXAMPLE-0001", cr.collectionUri());
        assertNull(cr.dataDescriptionUri(), "a v4 key");
        assertEquals("NO", cr.thirdPartyAnalysis());
        assertEquals(8, tcia.server().last("/getSeries").query().size());
        assertEquals("FCR CAPSULA", tcia.server().last("/getSeries").query().get("ManufacturerModelName"));
    }

    @Test
    void seriesWithoutBodyPartHasNull() throws Exception {
        TciaSeries dx = tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU).withModality("DX")).get(0);
        assertEquals(SERIES_DX, dx.seriesInstanceUid());
        assertNull(dx.bodyPartExamined());
        assertEquals(LocalDateTime.of(2022, 1, 15, 12, 49, 2), dx.dateReleased());
    }

    @Test
    void nothingFoundIsAnEmptyBodyAndAnEmptyList() throws Exception {
        assertEquals(List.of(), tcia.client().getSeries(TciaSeriesQuery.inCollection("NO-SUCH-COLLECTION")));
        assertEquals(List.of(), tcia.client().getPatients("NO-SUCH-COLLECTION", null));
        assertEquals(List.of(), tcia.client().getPatientStudies(TciaStudyQuery.inCollection("NO-SUCH-COLLECTION")));
        assertTrue(tcia.server().received().stream().allMatch(r -> r.query().containsKey("Collection")));
        // an empty array is just as empty
        tcia.server().fail("/getSeries", TciaTestServer.Fault.status(200, "application/json", "[]"));
        assertEquals(List.of(), tcia.client().getSeries(TciaSeriesQuery.inCollection(SBU)));
    }

    @Test
    void seriesSizeAndTheAllNullRowOfAnUnknownSeries() throws Exception {
        TciaSeriesSize size = tcia.client().getSeriesSize(SERIES_DX).orElseThrow();
        assertEquals(16_357_620L, size.totalSizeInBytes());
        assertEquals(2, size.objectCount());
        assertTrue(tcia.client().getSeriesSize(UNKNOWN_SERIES).isEmpty(), "[{}] means unknown");
    }

    @Test
    void sopInstanceUids() throws Exception {
        assertEquals(List.of(SERIES_DX + ".1", SERIES_DX + ".2"), tcia.client().getSopInstanceUids(SERIES_DX));
        assertEquals(Map.of("SeriesInstanceUID", SERIES_DX), tcia.server().last("/getSOPInstanceUIDs").query());
        assertEquals(List.of(), tcia.client().getSopInstanceUids(UNKNOWN_SERIES));
    }

    @Test
    void seriesMetadataWithSpacedKeysAnd204ForUnknown() throws Exception {
        TciaSeriesMetadata metadata = tcia.client().getSeriesMetadata(SERIES_CR).orElseThrow();
        assertEquals(SERIES_CR, metadata.seriesInstanceUid());
        assertEquals("A000123", metadata.subjectId());
        assertEquals(LocalDate.of(2020, 3, 18), metadata.studyDate(), "Study Date is MM-DD-YYYY");
        assertEquals(1, metadata.numberOfImages());
        assertEquals(7_340_124L, metadata.fileSize());
        assertEquals(1, metadata.seriesNumber(), "sent as \"1.000000\"");
        assertEquals("1.2.840.10008.5.1.4.1.1.1", metadata.sopClassUid());
        assertEquals("GET", tcia.server().last("/getSeriesMetaData").method());

        assertTrue(tcia.client().getSeriesMetadata(UNKNOWN_SERIES).isEmpty());
        List<TciaSeriesMetadata> several = tcia.client().getSeriesMetadata(List.of(SERIES_CR, UNKNOWN_SERIES, SERIES_DX));
        assertEquals(List.of(SERIES_CR, SERIES_DX), several.stream().map(TciaSeriesMetadata::seriesInstanceUid).toList());
    }

    @Test
    void updatedSeriesSendsDayMonthYearWithSlashes() throws Exception {
        List<TciaSeries> updated = tcia.client().getUpdatedSeries(LocalDate.of(2021, 9, 1));
        assertEquals("01/09/2021", tcia.server().last("/getUpdatedSeries").query().get("fromDate"));
        assertEquals(List.of(SERIES_DX, SERIES_CT, SERIES_LIDC),
                updated.stream().map(TciaSeries::seriesInstanceUid).toList());
        TciaSeries lidc = updated.get(2);
        assertEquals(LocalDateTime.of(2021, 9, 16, 12, 49, 2), lidc.dateReleased());
        assertNull(lidc.fileSize(), "v1 getUpdatedSeries has only 16 keys");
    }

    @Test
    void newPatientsAndStudiesSendYearMonthDayAsDate() throws Exception {
        List<TciaPatient> patients = tcia.client().getNewPatientsInCollection(SBU, LocalDate.of(2021, 8, 10));
        TciaTestServer.Received request = tcia.server().last("/NewPatientsInCollection");
        assertEquals(Map.of("Collection", SBU, "Date", "2021/08/10"), request.query());
        assertEquals(List.of("A000456"), patients.stream().map(TciaPatient::patientId).toList(),
                "v1 compares strictly after the date");

        List<TciaStudy> studies = tcia.client().getNewStudiesInPatientCollection(SBU, LocalDate.of(2020, 1, 1), "A000123");
        assertEquals(Map.of("Collection", SBU, "Date", "2020/01/01", "PatientID", "A000123"),
                tcia.server().last("/NewStudiesInPatientCollection").query());
        assertEquals(List.of(TciaTestData.STUDY_1), studies.stream().map(TciaStudy::studyInstanceUid).toList());
    }

    @Test
    void sharedListContentsWithSpacedDateReleased() throws Exception {
        List<TciaSeries> contents = tcia.client().getSharedListContents(TciaTestData.SHARED_LIST);
        assertEquals(List.of(SERIES_CR, SERIES_DX), contents.stream().map(TciaSeries::seriesInstanceUid).toList());
        assertEquals(LocalDateTime.of(2021, 8, 10, 0, 0), contents.get(0).dateReleased());
        assertEquals(Map.of("name", TciaTestData.SHARED_LIST), tcia.server().last("/getContentsByName").query());
        assertEquals(List.of(), tcia.client().getSharedListContents("no-such-list"));
    }

    @Test
    void imageDownloadStreamsAZipWithLicenseAndCounterNames() throws Exception {
        TciaUnpackResult result;
        try (TciaImageDownload download = tcia.client().getImage(SERIES_DX)) {
            assertEquals(SERIES_DX + ".zip", download.fileName().orElseThrow());
            result = new TciaZipUnpacker(TciaZipLimits.DEFAULT).unpack(download.body(), dir);
        }
        assertEquals(List.of("00000001.dcm", "00000002.dcm"),
                result.dicomFiles().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of("LICENSE"), result.skippedEntries());
        assertEquals(TestZips.dicom(SERIES_DX + ".2", 4096).length, Files.size(dir.resolve("00000002.dcm")));
        assertEquals(Map.of("SeriesInstanceUID", SERIES_DX), tcia.server().last("/getImage").query());
    }

    @Test
    void imageWithNewFileNamesAndTheMd5Variant() throws Exception {
        try (TciaImageDownload download = tcia.client().getImage(SERIES_DX, new TciaImageOptions(true, false))) {
            TciaUnpackResult result = new TciaZipUnpacker(TciaZipLimits.DEFAULT).unpack(download.body(), dir.resolve("a"));
            assertEquals(List.of("1-1.dcm", "1-2.dcm"),
                    result.dicomFiles().stream().map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("Yes", tcia.server().last("/getImage").query().get("NewFileNames"));

        try (TciaImageDownload download = tcia.client().getImage(SERIES_CR, new TciaImageOptions(false, true))) {
            TciaUnpackResult result = new TciaZipUnpacker(TciaZipLimits.DEFAULT).unpack(download.body(), dir.resolve("b"));
            assertEquals(1, result.dicomFiles().size());
            assertEquals(List.of("md5hashes.csv"), result.skippedEntries(), "getImageWithMD5Hash has no LICENSE");
        }
        assertEquals(Map.of("SeriesInstanceUID", SERIES_CR), tcia.server().last("/getImageWithMD5Hash").query());

        TciaException both = assertThrows(TciaException.class,
                () -> tcia.client().getImage(SERIES_CR, new TciaImageOptions(true, true)));
        assertEquals(Kind.UNSUPPORTED, both.kind());
    }

    @Test
    void imageOfANonPublicSeriesIsABadRequestWithTheServersText() {
        TciaException e = assertThrows(TciaException.class, () -> tcia.client().getImage(UNKNOWN_SERIES));
        assertEquals(Kind.BAD_REQUEST, e.kind());
        assertEquals(400, e.httpStatus().getAsInt());
        assertTrue(e.bodyExcerpt().contains("is not in public domain"), e.bodyExcerpt());
        assertFalse(e.isTransient());
        assertEquals(1, e.attempts(), "a 400 is not retried");
    }

    @Test
    void rawQueryInOtherFormats() throws Exception {
        TciaRawAnswer csv = tcia.client().query("getSeries", Map.of("Collection", LIDC), TciaFormat.CSV);
        assertTrue(csv.body().startsWith("\"SeriesInstanceUID\""), csv.body());
        assertTrue(csv.body().contains(SERIES_LIDC));
        assertEquals("text/csv", csv.contentType().orElseThrow());
        assertEquals("csv", tcia.server().last("/getSeries").query().get("format"));

        TciaRawAnswer singleColumn = tcia.client().query("getCollectionValues", Map.of(), TciaFormat.CSV);
        assertTrue(singleColumn.body().startsWith("Collection\n" + SBU + "\n"), "single-column lists are unquoted");

        TciaRawAnswer xml = tcia.client().query("getModalityValues", Map.of("Collection", LIDC), TciaFormat.XML);
        assertTrue(xml.body().startsWith("<Results><Row><Col type='java.lang.String'>DX"), xml.body());
    }

    @Test
    void v1IgnoresMisspelledParametersSoTheClientMustSpellThemExactly() throws Exception {
        // what a lower-case parameter would do: the whole archive, unfiltered
        TciaRawAnswer unfiltered = tcia.client().query("getSeries", Map.of("collection", LIDC), TciaFormat.JSON);
        assertTrue(unfiltered.body().contains(SERIES_CR), "v1 ignored the lower-case parameter");
        // the typed call spells it right
        tcia.client().getSeries(TciaSeriesQuery.inCollection(LIDC));
        assertEquals(Map.of("Collection", LIDC), tcia.server().last("/getSeries").query());
    }

    @Test
    void operationsAndNames() {
        assertEquals(TciaApi.NBIA_V1, tcia.client().api());
        assertTrue(tcia.client().supports(TciaOperation.UPDATED_SERIES));
        assertFalse(tcia.client().supports(TciaOperation.QUERY_DESCRIPTION));
        TciaException e = assertThrows(TciaException.class, () -> tcia.client().getQueryDescription("getSeries"));
        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertTrue(tcia.server().received().isEmpty(), "unsupported calls send nothing");
        assertThrows(IllegalArgumentException.class, () -> tcia.client().getSeriesSize(" "));
        assertThrows(IllegalArgumentException.class, () -> tcia.client().query("../admin", Map.of(), TciaFormat.JSON));
    }
}
