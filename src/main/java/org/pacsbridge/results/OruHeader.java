package org.pacsbridge.results;

import java.util.Objects;

/**
 * What a findings ORU says about its addressee and order, from the node's settings rather than the event.
 *
 * @param receivingApplication MSH-5, the RIS's application name
 * @param receivingFacility    MSH-6, or null
 * @param procedure            OBR-4, the universal service the result belongs to (the AI analysis)
 */
public record OruHeader(String receivingApplication, String receivingFacility, Code procedure) {

    public OruHeader {
        Objects.requireNonNull(receivingApplication, "receivingApplication");
        Objects.requireNonNull(procedure, "procedure");
    }
}
