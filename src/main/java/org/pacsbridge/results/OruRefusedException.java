package org.pacsbridge.results;

/** A findings ORU cannot be built from the input given; the message says why. Retrying will not help. */
public final class OruRefusedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public OruRefusedException(String reason) {
        super(reason);
    }
}
