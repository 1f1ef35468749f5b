package org.pacsbridge.results.delivery;

/**
 * A findings SR is to be stored (a replayed dead letter) while {@code pacs.results.sr.destination} is
 * not set, e.g. after the SR was switched off again. The route dead-letters it again with this reason.
 */
public final class SrDestinationMissingException extends Exception {

    private static final long serialVersionUID = 1L;

    public SrDestinationMissingException() {
        super("pacs.results.sr.destination is not set");
    }
}
