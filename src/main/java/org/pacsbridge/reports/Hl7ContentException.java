package org.pacsbridge.reports;

/**
 * The message is a supported report message, but its content cannot be used: it does not parse, or
 * a required value is missing or not understood. Answered with AE.
 */
public final class Hl7ContentException extends Hl7MessageException {

    public Hl7ContentException(Hl7Error error, MessageHeader header) {
        super(error, header);
    }

    @Override
    public AckCode ackCode() {
        return AckCode.AE;
    }
}
