package org.pacsbridge.tcia;

/**
 * Filters for {@code getSeries}; {@code null} means "any". Matching is case-insensitive on the NBIA
 * servers. Filters an interface cannot send (the v2 interface has no Modality, BodyPartExamined,
 * Manufacturer or ManufacturerModelName parameter on getSeries) are applied to the answer instead.
 */
public record TciaSeriesQuery(
        String collection,
        String patientId,
        String studyInstanceUid,
        String seriesInstanceUid,
        String modality,
        String bodyPartExamined,
        String manufacturer,
        String manufacturerModelName) {

    public TciaSeriesQuery {
        collection = blankToNull(collection);
        patientId = blankToNull(patientId);
        studyInstanceUid = blankToNull(studyInstanceUid);
        seriesInstanceUid = blankToNull(seriesInstanceUid);
        modality = blankToNull(modality);
        bodyPartExamined = blankToNull(bodyPartExamined);
        manufacturer = blankToNull(manufacturer);
        manufacturerModelName = blankToNull(manufacturerModelName);
    }

    /** No filter: the whole archive in one answer. Prefer {@link #inCollection}. */
    public static TciaSeriesQuery any() {
        return new TciaSeriesQuery(null, null, null, null, null, null, null, null);
    }

    public static TciaSeriesQuery inCollection(String collection) {
        return any().withCollection(collection);
    }

    public TciaSeriesQuery withCollection(String value) {
        return new TciaSeriesQuery(value, patientId, studyInstanceUid, seriesInstanceUid, modality, bodyPartExamined,
                manufacturer, manufacturerModelName);
    }

    public TciaSeriesQuery withPatientId(String value) {
        return new TciaSeriesQuery(collection, value, studyInstanceUid, seriesInstanceUid, modality, bodyPartExamined,
                manufacturer, manufacturerModelName);
    }

    public TciaSeriesQuery withStudyInstanceUid(String value) {
        return new TciaSeriesQuery(collection, patientId, value, seriesInstanceUid, modality, bodyPartExamined,
                manufacturer, manufacturerModelName);
    }

    public TciaSeriesQuery withSeriesInstanceUid(String value) {
        return new TciaSeriesQuery(collection, patientId, studyInstanceUid, value, modality, bodyPartExamined,
                manufacturer, manufacturerModelName);
    }

    public TciaSeriesQuery withModality(String value) {
        return new TciaSeriesQuery(collection, patientId, studyInstanceUid, seriesInstanceUid, value, bodyPartExamined,
                manufacturer, manufacturerModelName);
    }

    public TciaSeriesQuery withBodyPartExamined(String value) {
        return new TciaSeriesQuery(collection, patientId, studyInstanceUid, seriesInstanceUid, modality, value,
                manufacturer, manufacturerModelName);
    }

    public TciaSeriesQuery withManufacturer(String value) {
        return new TciaSeriesQuery(collection, patientId, studyInstanceUid, seriesInstanceUid, modality, bodyPartExamined,
                value, manufacturerModelName);
    }

    public TciaSeriesQuery withManufacturerModelName(String value) {
        return new TciaSeriesQuery(collection, patientId, studyInstanceUid, seriesInstanceUid, modality, bodyPartExamined,
                manufacturer, value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
