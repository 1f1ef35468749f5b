package org.pacsbridge.dicom.net;

/** DIMSE status codes (PS3.7 Annex C) used by C-ECHO and C-STORE, with classification helpers. */
public final class DimseStatus {
    private DimseStatus() {
    }

    /** Success. */
    public static final int SUCCESS = 0x0000;
    /** Warning: coercion of data elements (C-STORE). */
    public static final int WARNING_COERCION = 0xB000;
    /** Warning: data set does not match SOP class (C-STORE). */
    public static final int WARNING_DATASET_MISMATCH = 0xB007;
    /** Warning: elements discarded (C-STORE). */
    public static final int WARNING_ELEMENTS_DISCARDED = 0xB006;
    /** Refused: out of resources (C-STORE). */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** Error: data set does not match SOP class (C-STORE, A900-A9FF). */
    public static final int DATASET_MISMATCH = 0xA900;
    /** Error: cannot understand (C-STORE, C000-CFFF). */
    public static final int CANNOT_UNDERSTAND = 0xC000;
    /** Refused: SOP class not supported. */
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    /** Refused: not authorized. */
    public static final int NOT_AUTHORIZED = 0x0124;
    /** Duplicate SOP instance. */
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    /** Processing failure. */
    public static final int PROCESSING_FAILURE = 0x0110;
    /** Unrecognized operation. */
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    /** Mistyped argument. */
    public static final int MISTYPED_ARGUMENT = 0x0212;
    /** Cancel. */
    public static final int CANCEL = 0xFE00;
    /** Pending. */
    public static final int PENDING = 0xFF00;

    /** @return true for 0x0000 */
    public static boolean isSuccess(int status) {
        return status == SUCCESS;
    }

    /** @return true for 0x0001 and 0xB000-0xBFFF */
    public static boolean isWarning(int status) {
        return status == 0x0001 || (status & 0xF000) == 0xB000;
    }

    /** @return true for pending 0xFF00/0xFF01 */
    public static boolean isPending(int status) {
        return status == 0xFF00 || status == 0xFF01;
    }

    /** @return true when neither success, warning, pending nor cancel */
    public static boolean isFailure(int status) {
        return !isSuccess(status) && !isWarning(status) && !isPending(status) && status != CANCEL;
    }

    /** @return a short English description plus the hex code */
    public static String describe(int status) {
        String text;
        int s = status & 0xFFFF;
        if (s == SUCCESS) {
            text = "Success";
        } else if (s == 0xB000) {
            text = "Warning: coercion of data elements";
        } else if (s == 0xB007) {
            text = "Warning: data set does not match SOP class";
        } else if (s == 0xB006) {
            text = "Warning: elements discarded";
        } else if (isWarning(s)) {
            text = "Warning";
        } else if ((s & 0xFF00) == 0xA700) {
            text = "Refused: out of resources";
        } else if ((s & 0xFF00) == 0xA900) {
            text = "Error: data set does not match SOP class";
        } else if ((s & 0xF000) == 0xC000) {
            text = "Error: cannot understand";
        } else if (s == 0x0122) {
            text = "Refused: SOP class not supported";
        } else if (s == 0x0124) {
            text = "Refused: not authorized";
        } else if (s == 0x0111) {
            text = "Duplicate SOP instance";
        } else if (s == 0x0110) {
            text = "Processing failure";
        } else if (s == 0x0211) {
            text = "Unrecognized operation";
        } else if (s == 0x0212) {
            text = "Mistyped argument";
        } else if (s == CANCEL) {
            text = "Cancel";
        } else if (isPending(s)) {
            text = "Pending";
        } else {
            text = "Failure";
        }
        return text + String.format(" (0x%04X)", s);
    }
}
