package org.pacsbridge.reports;

import java.util.List;
import java.util.Map;

/**
 * What the report listener accepts: ORU^R01 and MDM^T02 in HL7 v2.3 to v2.5.1.
 */
final class SupportedMessages {

    static final List<String> VERSIONS = List.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");

    /** Message type → the one trigger event accepted for it. */
    static final Map<String, String> TRIGGERS = Map.of("ORU", "R01", "MDM", "T02");

    /** Processing ids (MSH-11.1, table 0103): production, debugging, training. */
    static final List<String> PROCESSING_IDS = List.of("P", "D", "T");

    private SupportedMessages() {
    }

    static String structure(String type) {
        return type + "_" + TRIGGERS.get(type);
    }
}
