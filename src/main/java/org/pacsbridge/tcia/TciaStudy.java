package org.pacsbridge.tcia;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One study as {@code getPatientStudy} and {@code NewStudiesInPatientCollection} describe it; a
 * component is {@code null} when the answer left its key out.
 *
 * @param studyInstanceUid                   {@code StudyInstanceUID}; always present
 * @param studyDate                          {@code StudyDate}
 * @param studyDescription                   {@code StudyDescription}
 * @param admittingDiagnosesDescription      {@code AdmittingDiagnosesDescription} (some v2 servers spell it
 *                                           {@code AdmittingDiagnosesDescriptions})
 * @param studyId                            {@code StudyID}
 * @param patientAge                         {@code PatientAge}
 * @param patientId                          {@code PatientID}
 * @param patientName                        {@code PatientName}
 * @param patientBirthDate                   {@code PatientBirthDate} as sent (not in v4; format undocumented)
 * @param patientSex                         {@code PatientSex}
 * @param ethnicGroup                        {@code EthnicGroup}
 * @param collection                         {@code Collection}
 * @param seriesCount                        {@code SeriesCount}
 * @param longitudinalTemporalEventType      {@code LongitudinalTemporalEventType}
 * @param longitudinalTemporalOffsetFromEvent {@code LongitudinalTemporalOffsetFromEvent}
 * @param authorized                         {@code Authorized} (v4)
 */
public record TciaStudy(
        String studyInstanceUid,
        LocalDate studyDate,
        String studyDescription,
        String admittingDiagnosesDescription,
        String studyId,
        String patientAge,
        String patientId,
        String patientName,
        String patientBirthDate,
        String patientSex,
        String ethnicGroup,
        String collection,
        Integer seriesCount,
        String longitudinalTemporalEventType,
        Double longitudinalTemporalOffsetFromEvent,
        Boolean authorized) {

    public TciaStudy {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    }

    /** Leaves the patient's values out, for log lines and exception messages. */
    @Override
    public String toString() {
        return "TciaStudy[studyInstanceUid=" + studyInstanceUid + ", collection=" + collection
                + ", seriesCount=" + seriesCount + "]";
    }
}
