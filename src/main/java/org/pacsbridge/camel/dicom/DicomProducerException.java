package org.pacsbridge.camel.dicom;

/**
 * A {@code dicom:} producer could not complete. {@link #isTransient()} tells whether trying again
 * later can succeed (a busy or unreachable peer) or not (a refusal that will not change by itself).
 */
public abstract class DicomProducerException extends Exception {

    protected DicomProducerException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract boolean isTransient();
}
