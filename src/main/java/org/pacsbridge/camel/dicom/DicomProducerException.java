package org.pacsbridge.camel.dicom;

import org.pacsbridge.failure.FailureVerdict;

/**
 * A {@code dicom:} producer could not complete. {@link #isTransient()} tells whether trying again
 * later can succeed (a busy or unreachable peer) or not (a refusal that will not change by itself);
 * the producer does not retry, so a transient failure {@link #waitsForRetry() waits} for the
 * spool's next try.
 */
public abstract class DicomProducerException extends Exception implements FailureVerdict {

    protected DicomProducerException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public abstract boolean isTransient();

    @Override
    public final boolean waitsForRetry() {
        return isTransient();
    }
}
