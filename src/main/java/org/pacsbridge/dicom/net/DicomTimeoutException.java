package org.pacsbridge.dicom.net;

/** A network timeout (ARTIM, connect or DIMSE response timeout) expired; the association was aborted. */
public class DicomTimeoutException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    /** @param message what timed out */
    public DicomTimeoutException(String message) {
        super(message);
    }
}
