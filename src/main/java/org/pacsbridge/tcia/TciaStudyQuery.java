package org.pacsbridge.tcia;

/** Filters for {@code getPatientStudy}; {@code null} means "any". */
public record TciaStudyQuery(String collection, String patientId, String studyInstanceUid) {

    public TciaStudyQuery {
        collection = blankToNull(collection);
        patientId = blankToNull(patientId);
        studyInstanceUid = blankToNull(studyInstanceUid);
    }

    public static TciaStudyQuery inCollection(String collection) {
        return new TciaStudyQuery(collection, null, null);
    }

    public TciaStudyQuery withPatientId(String value) {
        return new TciaStudyQuery(collection, value, studyInstanceUid);
    }

    public TciaStudyQuery withStudyInstanceUid(String value) {
        return new TciaStudyQuery(collection, patientId, value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
