package org.pacsbridge.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Reads the identity fields of report JSON ({@code docs/schemas/report-v1.json}) — what the
 * producer knows about the patient and the people named in the report — into a
 * {@link PatientIdentity}, used only to scrub the text sent out:
 * <ul>
 * <li>{@code patientId}, {@code accessionNumber}: strings (the report's own fields);</li>
 * <li>{@code patientName}: a string (the whole name) or an object with {@code family} and
 *     {@code given} (a string or an array of strings);</li>
 * <li>{@code birthDate}: an ISO-8601 date, {@code 1961-03-12};</li>
 * <li>{@code otherNames}, {@code otherIds}, {@code addresses}, {@code phones}, {@code emails}: arrays
 *     of strings (relatives, doctors, aliases; other patient and visit numbers; address lines,
 *     city, postcode; telephone numbers; e-mail addresses).</li>
 * </ul>
 * Every field is optional; a field of the wrong shape is a {@link ReportFormatException} that
 * names the field, never its value.
 */
final class ReportJsonIdentity {

    private ReportJsonIdentity() {
    }

    static PatientIdentity read(JsonNode report) throws ReportFormatException {
        PatientIdentity.Builder identity = PatientIdentity.builder();
        identity.identifier(text(report, "patientId")).identifier(text(report, "accessionNumber"));
        JsonNode name = report.get("patientName");
        if (name != null && !name.isNull()) {
            if (name.isTextual()) {
                identity.name(name.asText());
            } else if (name.isObject()) {
                JsonNode family = name.get("family");
                if (family != null && !family.isNull() && !family.isTextual()) {
                    throw invalid("patientName.family");
                }
                identity.name(family == null ? null : family.asText(null));
                JsonNode given = name.get("given");
                if (given != null && given.isArray()) {
                    strings(given, "patientName.given", identity::name);
                } else if (given == null || given.isNull() || given.isTextual()) {
                    identity.name(given == null ? null : given.asText(null));
                } else {
                    throw invalid("patientName.given");
                }
            } else {
                throw invalid("patientName");
            }
        }
        String birthDate = text(report, "birthDate");
        if (birthDate != null) {
            try {
                identity.date(LocalDate.parse(birthDate));
            } catch (DateTimeException e) {
                throw invalid("birthDate");
            }
        }
        strings(report.get("otherNames"), "otherNames", identity::name);
        strings(report.get("otherIds"), "otherIds", identity::identifier);
        strings(report.get("addresses"), "addresses", identity::address);
        strings(report.get("phones"), "phones", identity::phone);
        strings(report.get("emails"), "emails", identity::email);
        return identity.build();
    }

    /** The string at {@code field}, null when absent or null; any other type is invalid. */
    private static String text(JsonNode node, String field) throws ReportFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field);
        }
        return value.asText();
    }

    private static void strings(JsonNode array, String field, Function<String, PatientIdentity.Builder> add)
            throws ReportFormatException {
        if (array == null || array.isNull()) {
            return;
        }
        if (!array.isArray()) {
            throw invalid(field);
        }
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw invalid(field);
            }
            add.apply(item.asText());
        }
    }

    private static ReportFormatException invalid(String field) {
        return new ReportFormatException("invalid value for " + field);
    }
}
