package org.pacsbridge.reports;

import ca.uhn.hl7v2.model.Message;
import java.util.Objects;

/**
 * A received message that passed {@link Hl7MessageParser}: the node's own reading of MSH and
 * HAPI's model of the whole message.
 *
 * <p>The HAPI model is built with the v2.5.1 classes whatever the message's version, so
 * {@code message.getVersion()} is {@code 2.5.1}; the version the sender used is
 * {@link MessageHeader#versionId()}.
 */
public record ParsedMessage(MessageHeader header, Message message) {

    public ParsedMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "ParsedMessage[" + header.messageTypeAndTrigger() + " " + header.versionId()
                + " control id " + header.messageControlIdText() + "]";
    }
}
