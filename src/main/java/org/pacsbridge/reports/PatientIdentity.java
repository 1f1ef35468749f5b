package org.pacsbridge.reports;

import java.time.LocalDate;
import java.util.List;

/**
 * What a message says about the patient's identity: names (PID-5, all repetitions), identifiers
 * (PID-2, PID-3 all repetitions, PID-4, PID-19) and birth date (PID-7). Used only to scrub these
 * from report text; never serialised, never printed.
 *
 * @param birthDate null when absent or not a valid date
 */
public record PatientIdentity(List<String> familyNames, List<String> givenNames, List<String> identifiers, LocalDate birthDate) {

    public static final PatientIdentity EMPTY = new PatientIdentity(List.of(), List.of(), List.of(), null);

    public PatientIdentity {
        familyNames = familyNames == null ? List.of() : List.copyOf(familyNames);
        givenNames = givenNames == null ? List.of() : List.copyOf(givenNames);
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    @Override
    public String toString() {
        return "PatientIdentity[redacted]";
    }
}
