package org.pacsbridge.camel.dicom;

/** The peer could not be reached, aborted the association, or did not answer in time: transient. */
public class DicomConnectionException extends DicomProducerException {

    public DicomConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
