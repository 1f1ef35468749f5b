package org.pacsbridge.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report's source says about the people in it — the patient, relatives, the doctors —
 * kept only to scrub these values out of the report text before it leaves the hospital; never
 * serialised, never printed. Read from the HL7 message ({@link Hl7IdentityReader}) or from the
 * identity fields of report JSON ({@link ReportJsonIdentity}).
 *
 * @param names       names as given: a family name, a given name, a whole name; the scrubber also
 *                    matches their parts
 * @param identifiers patient, visit, document and accession identifiers, doctors' IDs
 * @param dates       birth and death dates
 * @param addresses   address components: street lines, city, postcode, county
 * @param phones      telephone numbers as written
 * @param emails      e-mail addresses
 */
public record PatientIdentity(List<String> names, List<String> identifiers, List<LocalDate> dates, List<String> addresses,
        List<String> phones, List<String> emails) {

    public static final PatientIdentity EMPTY = new Builder().build();

    public PatientIdentity {
        names = copy(names);
        identifiers = copy(identifiers);
        dates = dates == null ? List.of() : List.copyOf(dates);
        addresses = copy(addresses);
        phones = copy(phones);
        emails = copy(emails);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public String toString() {
        return "PatientIdentity[redacted]";
    }

    /** Collects values, dropping blanks and repeats. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<String> identifiers = new ArrayList<>();
        private final List<LocalDate> dates = new ArrayList<>();
        private final List<String> addresses = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private final List<String> emails = new ArrayList<>();

        public Builder name(String value) {
            return add(names, value);
        }

        public Builder identifier(String value) {
            return add(identifiers, value);
        }

        public Builder date(LocalDate value) {
            if (value != null && !dates.contains(value)) {
                dates.add(value);
            }
            return this;
        }

        public Builder address(String value) {
            return add(addresses, value);
        }

        public Builder phone(String value) {
            return add(phones, value);
        }

        public Builder email(String value) {
            return add(emails, value);
        }

        private Builder add(List<String> list, String value) {
            String trimmed = value == null ? "" : value.strip();
            if (!trimmed.isEmpty() && !list.contains(trimmed)) {
                list.add(trimmed);
            }
            return this;
        }

        public PatientIdentity build() {
            return new PatientIdentity(names, identifiers, dates, addresses, phones, emails);
        }
    }
}
