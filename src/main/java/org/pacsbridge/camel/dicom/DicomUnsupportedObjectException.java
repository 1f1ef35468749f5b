package org.pacsbridge.camel.dicom;

/**
 * The object cannot be sent: it is not a Part 10 file, or the peer accepted no presentation
 * context for its SOP class and transfer syntax. Permanent.
 */
public class DicomUnsupportedObjectException extends DicomProducerException {

    public DicomUnsupportedObjectException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
