package org.pacsbridge.reports;

/**
 * Original-mode acknowledgment codes (HL7 table 0008) the node answers with.
 */
public enum AckCode {
    /** Application accept: the report was taken over. */
    AA,
    /** Application error: the message is HL7 the node understands, but its content is unusable. */
    AE,
    /** Application reject: the message is not one the node processes at all (type, version, framing). */
    AR
}
