package org.pacsbridge.dicom;

import java.nio.charset.StandardCharsets;

/**
 * Dummy values for action D (PS3.15 E.1): non-empty, valid for the VR, identifying no one. Numbers
 * are zero, which reads the same in either byte order.
 */
final class DummyValues {

    private static final String TEXT = "ANONYMIZED";

    private DummyValues() {
    }

    /** @return the dummy value for {@code vr}, padded to even length; empty for VRs with no sensible dummy */
    static byte[] forVr(VR vr) {
        if (vr == null) {
            return new byte[0];
        }
        return switch (vr) {
            case AE, CS, LO, LT, PN, SH, ST, UC, UT -> text(TEXT, vr);
            case DA -> text("19000101", vr);
            case TM -> text("000000", vr);
            case DT -> text("19000101000000", vr);
            case AS -> text("000Y", vr);
            case DS, IS -> text("0", vr);
            case US, SS -> new byte[2];
            case UL, SL, FL, AT -> new byte[4];
            case FD, SV, UV -> new byte[8];
            default -> new byte[0]; // binary blobs, UR, SQ, and UI (whose action is U instead)
        };
    }

    /** @return {@code value} with the padding byte of {@code vr} appended if its length is odd */
    static byte[] padded(byte[] value, VR vr) {
        if (value.length % 2 == 0) {
            return value;
        }
        byte[] padded = new byte[value.length + 1];
        System.arraycopy(value, 0, padded, 0, value.length);
        padded[value.length] = vr.paddingByte();
        return padded;
    }

    private static byte[] text(String value, VR vr) {
        return padded(value.getBytes(StandardCharsets.US_ASCII), vr);
    }
}
