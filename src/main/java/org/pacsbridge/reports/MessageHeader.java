package org.pacsbridge.reports;

import java.util.Objects;

/**
 * The MSH segment of a received message as the node reads it itself, so that an ACK can be built
 * even when HAPI cannot parse the message.
 *
 * <p>Values are raw ER7: still escaped, components still joined with the message's own component
 * separator. That is what an ACK in the same encoding needs; {@link #messageControlIdText()} and
 * the {@code …Name()} methods give decoded values. Empty fields are empty strings, never null.
 * MSH carries no patient data, so the header may be logged.
 *
 * @param fieldSeparator      MSH-1
 * @param encodingCharacters  MSH-2, exactly four characters
 * @param versionId           first component of MSH-12, e.g. {@code 2.5.1}
 * @param characterSet        MSH-18 first repetition, e.g. {@code UNICODE UTF-8}
 */
public record MessageHeader(
        char fieldSeparator,
        String encodingCharacters,
        String sendingApplication,
        String sendingFacility,
        String receivingApplication,
        String receivingFacility,
        String dateTimeOfMessage,
        String messageType,
        String triggerEvent,
        String messageStructure,
        String messageControlId,
        String processingId,
        String versionId,
        String acceptAckType,
        String applicationAckType,
        String characterSet) {

    public MessageHeader {
        Objects.requireNonNull(encodingCharacters, "encodingCharacters");
        if (encodingCharacters.length() != 4) {
            throw new IllegalArgumentException("encodingCharacters must be four characters");
        }
    }

    Delimiters delimiters() {
        return Delimiters.of(fieldSeparator, encodingCharacters);
    }

    /** MSH-10 decoded. */
    public String messageControlIdText() {
        return Er7Text.decode(messageControlId, delimiters());
    }

    /** Namespace ID of MSH-3 (or its universal ID when the namespace is empty), decoded. */
    public String sendingApplicationName() {
        return Er7Text.hdName(sendingApplication, delimiters());
    }

    /** Namespace ID of MSH-4 (or its universal ID when the namespace is empty), decoded. */
    public String sendingFacilityName() {
        return Er7Text.hdName(sendingFacility, delimiters());
    }

    /** {@code type^trigger} as usually written, e.g. {@code ORU^R01}; for logs and the report. */
    public String messageTypeAndTrigger() {
        return triggerEvent.isEmpty() ? messageType : messageType + "^" + triggerEvent;
    }
}
