package org.pacsbridge.reports;

/**
 * The format of an inbound record (e.g. a Kafka value): an HL7 v2 message in ER7 or a JSON report.
 */
public enum ReportSource {
    /** Starts with {@code MSH} after optional BOM, MLLP start byte and whitespace. */
    ER7,
    /** Starts with <code>{</code> after optional BOM and whitespace. */
    JSON,
    /** Anything else, including null and blank. */
    UNKNOWN;

    public static ReportSource detect(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        int i = 0;
        while (i < value.length() && (value.charAt(i) == '\ufeff' || value.charAt(i) == '\u000b' || Character.isWhitespace(value.charAt(i)))) {
            i++;
        }
        if (value.startsWith("MSH", i)) {
            return ER7;
        }
        return value.startsWith("{", i) ? JSON : UNKNOWN;
    }
}
