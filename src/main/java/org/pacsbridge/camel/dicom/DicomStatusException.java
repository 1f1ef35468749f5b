package org.pacsbridge.camel.dicom;

import org.pacsbridge.dicom.net.DimseStatus;

/**
 * The peer answered a C-STORE or C-ECHO with a failure status. Out of resources (A7xx) is
 * transient; every other failure (SOP class not supported, not authorized, data set does not
 * match, cannot understand, ...) is permanent.
 */
public class DicomStatusException extends DicomProducerException {

    private final int status;
    private final String sopInstanceUid;

    public DicomStatusException(int status, String sopInstanceUid) {
        super(String.format("DIMSE status %04X (%s) for %s", status, DimseStatus.describe(status), sopInstanceUid), null);
        this.status = status;
        this.sopInstanceUid = sopInstanceUid;
    }

    public int getStatus() {
        return status;
    }

    public String getSopInstanceUid() {
        return sopInstanceUid;
    }

    @Override
    public boolean isTransient() {
        return (status & 0xFF00) == 0xA700;
    }
}
