package org.pacsbridge.reports;

/**
 * The message is not one the node processes at all: not HL7 v2, broken MSH, or an unsupported
 * message type, event, processing id or version. Answered with AR.
 */
public final class Hl7RejectException extends Hl7MessageException {

    public Hl7RejectException(Hl7Error error, MessageHeader header) {
        super(error, header);
    }

    @Override
    public AckCode ackCode() {
        return AckCode.AR;
    }
}
