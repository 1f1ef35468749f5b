package org.pacsbridge.reports;

import java.util.Objects;

/**
 * One error to report back in an ACK: the table 0357 code, a short reason and, when known, where it
 * was found. The reason is written by the node and never quotes message content, so it holds no
 * patient data.
 *
 * @param location may be null
 */
public record Hl7Error(Hl7ErrorCode code, String reason, ErrorLocation location) {

    public Hl7Error {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    public Hl7Error(Hl7ErrorCode code, String reason) {
        this(code, reason, null);
    }

    @Override
    public String toString() {
        return code.code() + " " + reason + (location == null ? "" : " at " + location);
    }
}
