package org.pacsbridge.tcia;

import java.util.Objects;

/**
 * One patient (subject) as {@code getPatient} and {@code NewPatientsInCollection} describe it; a
 * component is {@code null} when the answer left its key out. The key is {@code PatientId} in the
 * NBIA API and {@code PatientID} in the v2 interface.
 *
 * @param patientId          {@code PatientId} / {@code PatientID}; always present
 * @param patientName        {@code PatientName}
 * @param patientBirthDate   {@code PatientBirthDate} as sent (not in v4; format undocumented)
 * @param patientSex         {@code PatientSex}
 * @param ethnicGroup        {@code EthnicGroup}
 * @param collection         {@code Collection}
 * @param phantom            {@code Phantom} ({@code "YES"}/{@code "NO"})
 * @param speciesCode        {@code SpeciesCode}
 * @param speciesDescription {@code SpeciesDescription}
 * @param authorized         {@code Authorized} (v4)
 */
public record TciaPatient(
        String patientId,
        String patientName,
        String patientBirthDate,
        String patientSex,
        String ethnicGroup,
        String collection,
        String phantom,
        String speciesCode,
        String speciesDescription,
        Boolean authorized) {

    public TciaPatient {
        Objects.requireNonNull(patientId, "patientId");
    }

    /** Leaves the identifying values out, for log lines and exception messages. */
    @Override
    public String toString() {
        return "TciaPatient[collection=" + collection + "]";
    }
}
