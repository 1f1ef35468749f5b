package org.pacsbridge.findings;

/** What identifies a study in the findings events; any part may be null. */
public record StudyIds(String accessionNumber, String studyInstanceUid, String patientId) {

    /** These identifiers, with the gaps filled from {@code other}. */
    public StudyIds fill(StudyIds other) {
        if (other == null) {
            return this;
        }
        return new StudyIds(
                accessionNumber != null ? accessionNumber : other.accessionNumber,
                studyInstanceUid != null ? studyInstanceUid : other.studyInstanceUid,
                patientId != null ? patientId : other.patientId);
    }
}
