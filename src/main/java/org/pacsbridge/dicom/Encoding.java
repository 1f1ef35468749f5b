package org.pacsbridge.dicom;

/**
 * The two properties of a transfer syntax that decide how element headers and numbers are laid
 * out: whether headers carry the VR, and the byte order.
 *
 * @param explicitVr whether element headers carry the VR
 * @param bigEndian  whether numbers are big endian
 */
record Encoding(boolean explicitVr, boolean bigEndian) {

    /** The encoding of the items of a UN value of undefined length (PS3.5 section 6.2.2). */
    static final Encoding IMPLICIT_LITTLE_ENDIAN = new Encoding(false, false);

    static Encoding of(TransferSyntax ts) {
        return new Encoding(ts.explicitVr(), ts.bigEndian());
    }
}
