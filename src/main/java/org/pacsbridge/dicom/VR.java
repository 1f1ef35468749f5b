package org.pacsbridge.dicom;

/**
 * Value Representations of PS3.5 section 6.2, with the header form each uses in explicit VR
 * syntaxes and the byte used to pad values to even length.
 */
public enum VR {
    AE(false, ' '), AS(false, ' '), AT(false, 0), CS(false, ' '), DA(false, ' '), DS(false, ' '),
    DT(false, ' '), FD(false, 0), FL(false, 0), IS(false, ' '), LO(false, ' '), LT(false, ' '),
    OB(true, 0), OD(true, 0), OF(true, 0), OL(true, 0), OV(true, 0), OW(true, 0),
    PN(false, ' '), SH(false, ' '), SL(false, 0), SQ(true, 0), SS(false, 0), ST(false, ' '),
    SV(true, 0), TM(false, ' '), UC(true, ' '), UI(false, 0), UL(false, 0), UN(true, 0),
    UR(true, ' '), US(false, 0), UT(true, ' '), UV(true, 0);

    private static final VR[] BY_CODE = new VR[26 * 26];

    static {
        for (VR vr : values()) {
            BY_CODE[index(vr.name().charAt(0), vr.name().charAt(1))] = vr;
        }
    }

    private final boolean longLength;
    private final byte paddingByte;

    VR(boolean longLength, int paddingByte) {
        this.longLength = longLength;
        this.paddingByte = (byte) paddingByte;
    }

    /**
     * Whether an explicit VR header for this VR is 12 bytes long: tag, VR, two reserved bytes and a
     * 32-bit length (PS3.5 Table 7.1-1), rather than 8 bytes with a 16-bit length (Table 7.1-2).
     */
    public boolean usesLongLength() {
        return longLength;
    }

    /** The byte appended to an odd-length value: a space for text, NUL for UI and binary VRs. */
    public byte paddingByte() {
        return paddingByte;
    }

    /**
     * Looks up the VR whose two-letter code is made of the bytes {@code b1}, {@code b2}.
     *
     * @return the VR, or {@code null} when the code is not one of PS3.5's
     */
    public static VR of(int b1, int b2) {
        if (b1 < 'A' || b1 > 'Z' || b2 < 'A' || b2 > 'Z') {
            return null;
        }
        return BY_CODE[index(b1, b2)];
    }

    private static int index(int b1, int b2) {
        return (b1 - 'A') * 26 + (b2 - 'A');
    }
}
