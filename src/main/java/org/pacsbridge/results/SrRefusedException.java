package org.pacsbridge.results;

/**
 * A findings SR cannot be built from the input given, or (from {@link FindingsEventReader}) the record is
 * no CV findings event at all; the message says why. Retrying will not help.
 */
public final class SrRefusedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SrRefusedException(String reason) {
        super(reason);
    }
}
