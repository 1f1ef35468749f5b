package org.pacsbridge.results.delivery;

/**
 * A findings ORU is to be sent (a replayed dead letter) while {@code pacs.results.hl7.host} is not
 * set, e.g. after the ORU was switched off again. The route dead-letters it again with this reason.
 */
public final class OruDestinationMissingException extends Exception {

    private static final long serialVersionUID = 1L;

    public OruDestinationMissingException() {
        super("pacs.results.hl7.host is not set");
    }
}
