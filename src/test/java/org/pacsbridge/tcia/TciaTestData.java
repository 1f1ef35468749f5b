package org.pacsbridge.tcia;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The invented archive the TCIA test double serves. All values are made up; only the shapes are TCIA's. */
final class TciaTestData {

    static final String SBU = "COVID-19-NY-SBU";
    static final String LIDC = "LIDC-IDRI";
    static final String RICORD = "MIDRC-RICORD-1C";

    static final String STUDY_1 = "1.3.6.1.4.1.14519.5.2.1.99.1071.10000000000000000000000000001";
    static final String STUDY_2 = "1.3.6.1.4.1.14519.5.2.1.99.1071.10000000000000000000000000002";
    static final String STUDY_3 = "1.3.6.1.4.1.14519.5.2.1.99.1071.10000000000000000000000000003";

    /** CR chest, one image. */
    static final String SERIES_CR = "1.3.6.1.4.1.14519.5.2.1.99.1071.20000000000000000000000000001";
    /** DX without BodyPartExamined, two images. */
    static final String SERIES_DX = "1.3.6.1.4.1.14519.5.2.1.99.1071.20000000000000000000000000002";
    /** CT chest, released 2023. */
    static final String SERIES_CT = "1.3.6.1.4.1.14519.5.2.1.99.1071.20000000000000000000000000003";
    /** DX chest of LIDC-IDRI. */
    static final String SERIES_LIDC = "1.3.6.1.4.1.14519.5.2.1.99.1071.20000000000000000000000000004";

    static final String UNKNOWN_SERIES = "1.2.3.4.5.6.7.8.9";
    static final String SHARED_LIST = "cxr-reference";
    static final String LICENSE_NAME = "Creative Commons Attribution 4.0 International License";

    record Patient(String id, String collection, String sex, String ethnicGroup, String birthDate) {
    }

    record Study(String uid, String patientId, String collection, LocalDate date, String description, String age,
            Integer offsetFromEvent) {
    }

    record Series(String uid, String studyUid, String patientId, String collection, String modality, String bodyPart,
            String manufacturer, String model, String description, int imageCount, long fileSize,
            LocalDate seriesDate, LocalDateTime timeStamp, LocalDateTime released) {
    }

    static final List<Patient> PATIENTS = List.of(
            new Patient("A000123", SBU, "M", null, null),
            new Patient("A000456", SBU, "F", "W", null),
            new Patient("LIDC-IDRI-0001", LIDC, null, null, "1950-01-01 00:00:00.0"));

    static final List<Study> STUDIES = List.of(
            new Study(STUDY_1, "A000123", SBU, LocalDate.of(2020, 3, 18), "CHEST AP PORTABLE", "061Y", 2),
            new Study(STUDY_2, "A000456", SBU, LocalDate.of(2020, 4, 2), "CHEST ROUTINE", "045Y", null),
            new Study(STUDY_3, "LIDC-IDRI-0001", LIDC, LocalDate.of(2000, 1, 1), null, null, null));

    static final List<Series> SERIES = List.of(
            new Series(SERIES_CR, STUDY_1, "A000123", SBU, "CR", "CHEST", "FUJIFILM Corporation", "FCR CAPSULA", "AP",
                    1, 7_340_124L, LocalDate.of(2020, 3, 18), LocalDateTime.of(2021, 8, 5, 10, 12, 33),
                    LocalDateTime.of(2021, 8, 10, 0, 0)),
            new Series(SERIES_DX, STUDY_2, "A000456", SBU, "DX", null, "Carestream Health", "DRX-1", "PA",
                    2, 16_357_620L, LocalDate.of(2020, 4, 2), LocalDateTime.of(2022, 1, 10, 8, 0, 0),
                    LocalDateTime.of(2022, 1, 15, 12, 49, 2)),
            new Series(SERIES_CT, STUDY_2, "A000456", SBU, "CT", "CHEST", "SIEMENS", "SOMATOM", "Lung",
                    1, 524_288L, LocalDate.of(2020, 4, 2), LocalDateTime.of(2023, 8, 1, 9, 30, 0),
                    LocalDateTime.of(2023, 8, 7, 0, 0)),
            new Series(SERIES_LIDC, STUDY_3, "LIDC-IDRI-0001", LIDC, "DX", "CHEST", "GE MEDICAL SYSTEMS", "Revolution XQ/i",
                    null, 1, 8_178_810L, LocalDate.of(2000, 1, 1), LocalDateTime.of(2021, 9, 10, 7, 0, 0),
                    LocalDateTime.of(2021, 9, 16, 12, 49, 2)));

    static final Map<String, List<String>> SHARED_LISTS = Map.of(SHARED_LIST, List.of(SERIES_CR, SERIES_DX));

    static final List<String> COLLECTIONS = List.of(SBU, LIDC, RICORD);

    private TciaTestData() {
    }

    static Optional<Series> series(String uid) {
        return SERIES.stream().filter(s -> s.uid().equals(uid)).findFirst();
    }

    static Optional<Study> study(String uid) {
        return STUDIES.stream().filter(s -> s.uid().equals(uid)).findFirst();
    }

    static Optional<Patient> patient(String id) {
        return PATIENTS.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The SOP Instance UIDs of a series: its UID with ".1", ".2", ... */
    static List<String> sopInstanceUids(Series series) {
        return java.util.stream.IntStream.rangeClosed(1, series.imageCount()).mapToObj(i -> series.uid() + "." + i)
                .toList();
    }

    /** When a patient first had a series released. */
    static LocalDateTime firstRelease(Patient patient) {
        return SERIES.stream().filter(s -> s.patientId().equals(patient.id())).map(Series::released).min(
                LocalDateTime::compareTo).orElseThrow();
    }

    static LocalDateTime firstRelease(Study study) {
        return SERIES.stream().filter(s -> s.studyUid().equals(study.uid())).map(Series::released).min(
                LocalDateTime::compareTo).orElseThrow();
    }
}
