package org.pacsbridge.reports;

/**
 * The subset of HL7 table 0357 (message error condition codes) the node reports in ERR.
 */
public enum Hl7ErrorCode {
    SEGMENT_SEQUENCE_ERROR(100, "Segment sequence error"),
    REQUIRED_FIELD_MISSING(101, "Required field missing"),
    DATA_TYPE_ERROR(102, "Data type error"),
    TABLE_VALUE_NOT_FOUND(103, "Table value not found"),
    UNSUPPORTED_MESSAGE_TYPE(200, "Unsupported message type"),
    UNSUPPORTED_EVENT_CODE(201, "Unsupported event code"),
    UNSUPPORTED_PROCESSING_ID(202, "Unsupported processing id"),
    UNSUPPORTED_VERSION_ID(203, "Unsupported version id"),
    APPLICATION_INTERNAL_ERROR(207, "Application internal error");

    /** Coding system name of table 0357 as it appears in CE/CWE components. */
    public static final String CODING_SYSTEM = "HL70357";

    private final int code;
    private final String text;

    Hl7ErrorCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** The table's description of the code. */
    public String text() {
        return text;
    }

    /** The constant for a numeric table 0357 code, or {@code fallback} when the node does not use that code. */
    public static Hl7ErrorCode of(int code, Hl7ErrorCode fallback) {
        for (Hl7ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return fallback;
    }
}
