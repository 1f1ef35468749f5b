package org.pacsbridge.results;

import java.util.Locale;

/** X-Raydar's urgency as a code of the local scheme; a value X-Raydar may add later passes through as its own code. */
final class Urgency {

    private Urgency() {
    }

    static Code code(String urgency) {
        String value = urgency.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "normal" -> new Code("normal", SrCodes.LOCAL_SCHEME, "Normal");
            case "non-urgent" -> new Code("non-urgent", SrCodes.LOCAL_SCHEME, "Non-urgent");
            case "urgent" -> new Code("urgent", SrCodes.LOCAL_SCHEME, "Urgent");
            case "critical" -> new Code("critical", SrCodes.LOCAL_SCHEME, "Critical");
            default -> new Code(value, SrCodes.LOCAL_SCHEME, urgency.strip());
        };
    }
}
