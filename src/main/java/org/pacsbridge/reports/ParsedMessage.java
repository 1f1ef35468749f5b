package org.pacsbridge.reports;

import ca.uhn.hl7v2.model.Message;
import java.util.List;
import java.util.Objects;

/**
 * A received message that passed {@link Hl7MessageParser}: the node's own reading of MSH,
 * HAPI's model of the whole message, and the message's segments as received (separators normalised,
 * MSH first).
 *
 * <p>The HAPI model is built with the v2.5.1 classes whatever the message's version, so
 * {@code message.getVersion()} is {@code 2.5.1}; the version the sender used is
 * {@link MessageHeader#versionId()}.
 */
public record ParsedMessage(MessageHeader header, Message message, List<String> segments) {

    public ParsedMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(message, "message");
        segments = List.copyOf(segments);
    }

    @Override
    public String toString() {
        return "ParsedMessage[" + header.messageTypeAndTrigger() + " " + header.versionId()
                + " control id " + header.messageControlIdText() + "]";
    }
}
