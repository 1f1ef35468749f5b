package org.pacsbridge.results.delivery;

import java.util.Optional;
import java.util.regex.Pattern;

/** MSA-2 of an HL7 v2 ACK in ER7: the control id of the message it acknowledges. */
final class AckControlId {

    private AckControlId() {
    }

    static Optional<String> of(String ack) {
        if (ack == null || ack.length() < 4 || !ack.startsWith("MSH")) {
            return Optional.empty();
        }
        String field = Character.toString(ack.charAt(3));
        for (String segment : ack.split("[\r\n]+")) {
            if (segment.startsWith("MSA" + field)) {
                String[] fields = segment.split(Pattern.quote(field), -1);
                return fields.length > 2 ? Optional.of(fields[2].strip()) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
