package org.pacsbridge.dicom.net;

/** Thrown by a {@link CStoreHandler} to refuse a C-STORE with the given DIMSE status. */
public class DimseStatusException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** @param status DIMSE status to answer with (e.g. 0xA700, 0x0122, 0xC000) */
    public DimseStatusException(int status) {
        this(status, DimseStatus.describe(status));
    }

    /** @param status DIMSE status; @param message description for logs (no patient data) */
    public DimseStatusException(int status, String message) {
        super(message);
        this.status = status & 0xFFFF;
    }

    /** @return the DIMSE status */
    public int status() { return status; }
}
