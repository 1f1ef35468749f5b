package org.pacsbridge.reports;

import java.util.Objects;

/**
 * A received message the node cannot take over, with everything needed to answer it: the ACK code,
 * the error for the ERR segment and, when the MSH segment could be read, the original header.
 * The exception message is the error's code and reason only, never message content.
 */
public abstract sealed class Hl7MessageException extends Exception permits Hl7RejectException, Hl7ContentException {

    private final transient MessageHeader header;
    private final Hl7Error error;

    Hl7MessageException(Hl7Error error, MessageHeader header) {
        super(Objects.requireNonNull(error, "error").toString(), null, false, true);
        this.error = error;
        this.header = header;
    }

    /** AR or AE. */
    public abstract AckCode ackCode();

    public Hl7Error error() {
        return error;
    }

    /** The header of the refused message, or null when its MSH segment could not be read. */
    public MessageHeader header() {
        return header;
    }
}
