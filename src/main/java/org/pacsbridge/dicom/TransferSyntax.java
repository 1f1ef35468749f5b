package org.pacsbridge.dicom;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a data set is encoded (PS3.5 section 10): VR form, byte order, deflate, and whether pixel
 * data is encapsulated in fragments.
 *
 * @param uid          the transfer syntax UID
 * @param explicitVr   whether element headers carry the VR
 * @param bigEndian    whether numbers are big endian
 * @param deflated     whether the whole data set is a raw deflate stream (RFC 1951)
 * @param encapsulated whether Pixel Data is a sequence of fragments (compressed pixel data)
 */
public record TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated,
        boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN = unencapsulated(UID.ImplicitVRLittleEndian, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN = unencapsulated(UID.ExplicitVRLittleEndian, true, false, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN = unencapsulated(UID.ExplicitVRBigEndian, true, true, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = unencapsulated(UID.DeflatedExplicitVRLittleEndian, true, false, true);

    private static final List<TransferSyntax> KNOWN = List.of(
            IMPLICIT_VR_LITTLE_ENDIAN,
            EXPLICIT_VR_LITTLE_ENDIAN,
            EXPLICIT_VR_BIG_ENDIAN,
            DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            encapsulated(UID.EncapsulatedUncompressedExplicitVRLittleEndian),
            encapsulated(UID.JPEGBaseline8Bit),
            encapsulated(UID.JPEGExtended12Bit),
            encapsulated(UID.JPEGLossless),
            encapsulated(UID.JPEGLosslessSV1),
            encapsulated(UID.JPEGLSLossless),
            encapsulated(UID.JPEGLSNearLossless),
            encapsulated(UID.JPEG2000Lossless),
            encapsulated(UID.JPEG2000),
            encapsulated(UID.MPEG2MPML),
            encapsulated(UID.MPEG4HP41),
            encapsulated(UID.HEVCMP51),
            encapsulated(UID.HTJ2KLossless),
            encapsulated(UID.HTJ2KLosslessRPCL),
            encapsulated(UID.HTJ2K),
            encapsulated(UID.RLELossless));

    private static final Map<String, TransferSyntax> BY_UID =
            KNOWN.stream().collect(Collectors.toUnmodifiableMap(TransferSyntax::uid, Function.identity()));

    /** @throws NullPointerException if {@code uid} is null */
    public TransferSyntax {
        if (uid == null) {
            throw new NullPointerException("uid");
        }
    }

    /**
     * @return the known transfer syntax with this UID
     * @throws IllegalArgumentException if the UID is not in {@link #known()}
     */
    public static TransferSyntax of(String uid) {
        return find(uid).orElseThrow(() -> new IllegalArgumentException("Unknown transfer syntax " + uid));
    }

    /** @return the known transfer syntax with this UID, or empty */
    public static Optional<TransferSyntax> find(String uid) {
        return Optional.ofNullable(uid == null ? null : BY_UID.get(uid));
    }

    /**
     * For callers that accept transfer syntaxes not listed here: a known UID gives its own entry, an
     * unknown one is taken to be explicit VR little endian with encapsulated pixel data, which is
     * what every compressed transfer syntax defined since has been.
     */
    public static TransferSyntax ofAssumingEncapsulated(String uid) {
        return find(uid).orElseGet(() -> encapsulated(uid));
    }

    /** @return whether this UID is one of {@link #known()} */
    public static boolean isKnown(String uid) {
        return find(uid).isPresent();
    }

    /** @return all transfer syntaxes this class knows, native ones first */
    public static List<TransferSyntax> known() {
        return KNOWN;
    }

    private static TransferSyntax unencapsulated(String uid, boolean explicitVr, boolean bigEndian, boolean deflated) {
        return new TransferSyntax(uid, explicitVr, bigEndian, deflated, false);
    }

    private static TransferSyntax encapsulated(String uid) {
        return new TransferSyntax(uid, true, false, false, true);
    }
}
