package org.pacsbridge.dicom.net;

import java.io.IOException;

/** Base class of all network-layer (PS3.8 upper layer / PS3.7 DIMSE) failures. */
public class DicomNetworkException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message description (never contains patient data) */
    public DicomNetworkException(String message) {
        super(message);
    }

    /** @param message description; @param cause underlying failure */
    public DicomNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
