package org.pacsbridge.results.delivery;

/**
 * The RIS did not accept a findings ORU within {@code pacs.results.hl7.max-attempts} (AE, AR, no ACK in
 * time, unreachable); the message names the last failure, never the message's content.
 */
public final class OruNotDeliveredException extends Exception {

    private static final long serialVersionUID = 1L;

    public OruNotDeliveredException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
