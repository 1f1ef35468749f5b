package org.pacsbridge.dicom.net;

/** No accepted presentation context matches the SOP class and transfer syntax of a request. */
public class NoPresentationContextException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    /** @param message which SOP class / transfer syntax had no accepted context */
    public NoPresentationContextException(String message) {
        super(message);
    }
}
