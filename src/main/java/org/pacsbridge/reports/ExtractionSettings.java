package org.pacsbridge.reports;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@link ReportExtractor} reads a message.
 *
 * @param accessionFields where to look for the accession number, in order of preference, as
 *                        {@code SEG-n} (first component of the field, first non-empty occurrence);
 *                        fields of segments the message does not have are skipped
 * @param messageZone     the zone of HL7 timestamps that carry no UTC offset
 */
public record ExtractionSettings(List<String> accessionFields, ZoneId messageZone) {

    /**
     * The fields that carry the accession number in radiology workflows: OBR-3 filler order number
     * (where most RISes, the order fillers, put it), OBR-18 placer field 1 (where the IHE Radiology
     * Technical Framework puts it in its HL7 v2.3.1 messages), ORC-3, and TXA-15 for MDM. Never a
     * placer order number (OBR-2, ORC-2, TXA-14): that is the ordering system's number, not the
     * imaging study's, so a report keyed by it would never meet its images. The same list is
     * {@code pacs.reports.accession-fields}' default in {@code application.properties}.
     */
    public static final List<String> DEFAULT_ACCESSION_FIELDS = List.of("OBR-3", "OBR-18", "ORC-3", "TXA-15");

    private static final Pattern FIELD = Pattern.compile("([A-Z][A-Z0-9]{2})-([1-9][0-9]{0,2})");

    public ExtractionSettings {
        accessionFields = List.copyOf(accessionFields);
        Objects.requireNonNull(messageZone, "messageZone");
        if (accessionFields.isEmpty()) {
            throw new IllegalArgumentException("accessionFields must not be empty");
        }
        for (String field : accessionFields) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("accession field must look like OBR-3: " + field);
            }
        }
    }

    /** Default accession fields, timestamps without offset in the system zone. */
    public static ExtractionSettings defaults() {
        return new ExtractionSettings(DEFAULT_ACCESSION_FIELDS, ZoneId.systemDefault());
    }

    List<FieldRef> accessionFieldRefs() {
        return accessionFields.stream().map(f -> {
            Matcher m = FIELD.matcher(f);
            m.matches();
            return new FieldRef(m.group(1), Integer.parseInt(m.group(2)));
        }).toList();
    }

    record FieldRef(String segment, int field) {
        @Override
        public String toString() {
            return segment + "-" + field;
        }
    }
}
