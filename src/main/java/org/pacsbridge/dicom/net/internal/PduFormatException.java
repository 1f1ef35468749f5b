package org.pacsbridge.dicom.net.internal;

import java.io.IOException;

/**
 * A received PDU is malformed (Evt19). Carries the A-ABORT reason (PS3.8 9.3.8) to send:
 * 1 unrecognized PDU, 2 unexpected PDU, 4 unrecognized PDU parameter, 5 unexpected PDU parameter,
 * 6 invalid PDU parameter value.
 */
public class PduFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int abortReason;

    /** @param abortReason A-ABORT reason; @param message description (no patient data) */
    public PduFormatException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    /** @return the A-ABORT reason code */
    public int abortReason() {
        return abortReason;
    }
}
