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

    /**
     * Every transfer syntax of PS3.6 Table A-1 with a data set encoding (PS3.5 Annex A; the retired Papyrus 3
     * syntax has none but its name), retired ones included. Left
     * out: RFC 2557 MIME Encapsulation and XML Encoding (retired; no DICOM data set encoding) and the SMPTE ST 2110
     * syntaxes (they describe DICOM-RTV video and audio flows, never a data set sent with C-STORE).
     */
    private static final List<TransferSyntax> KNOWN = List.of(
            IMPLICIT_VR_LITTLE_ENDIAN,
            EXPLICIT_VR_LITTLE_ENDIAN,
            EXPLICIT_VR_BIG_ENDIAN,
            DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            encapsulated(UID.EncapsulatedUncompressedExplicitVRLittleEndian),
            encapsulated(UID.JPEGBaseline8Bit),
            encapsulated(UID.JPEGExtended12Bit),
            encapsulated(UID.JPEGExtended35),
            encapsulated(UID.JPEGSpectralSelectionNonHierarchical68),
            encapsulated(UID.JPEGSpectralSelectionNonHierarchical79),
            encapsulated(UID.JPEGFullProgressionNonHierarchical1012),
            encapsulated(UID.JPEGFullProgressionNonHierarchical1113),
            encapsulated(UID.JPEGLossless),
            encapsulated(UID.JPEGLosslessNonHierarchical15),
            encapsulated(UID.JPEGExtendedHierarchical1618),
            encapsulated(UID.JPEGExtendedHierarchical1719),
            encapsulated(UID.JPEGSpectralSelectionHierarchical2022),
            encapsulated(UID.JPEGSpectralSelectionHierarchical2123),
            encapsulated(UID.JPEGFullProgressionHierarchical2426),
            encapsulated(UID.JPEGFullProgressionHierarchical2527),
            encapsulated(UID.JPEGLosslessHierarchical28),
            encapsulated(UID.JPEGLosslessHierarchical29),
            encapsulated(UID.JPEGLosslessSV1),
            encapsulated(UID.JPEGLSLossless),
            encapsulated(UID.JPEGLSNearLossless),
            encapsulated(UID.JPEG2000Lossless),
            encapsulated(UID.JPEG2000),
            encapsulated(UID.JPEG2000MCLossless),
            encapsulated(UID.JPEG2000MC),
            encapsulated(UID.MPEG2MPML),
            encapsulated(UID.MPEG2MPMLF),
            encapsulated(UID.MPEG2MPHL),
            encapsulated(UID.MPEG2MPHLF),
            encapsulated(UID.MPEG4HP41),
            encapsulated(UID.MPEG4HP41F),
            encapsulated(UID.MPEG4HP41BD),
            encapsulated(UID.MPEG4HP41BDF),
            encapsulated(UID.MPEG4HP422D),
            encapsulated(UID.MPEG4HP422DF),
            encapsulated(UID.MPEG4HP423D),
            encapsulated(UID.MPEG4HP423DF),
            encapsulated(UID.MPEG4HP42STEREO),
            encapsulated(UID.MPEG4HP42STEREOF),
            encapsulated(UID.HEVCMP51),
            encapsulated(UID.HEVCM10P51),
            encapsulated(UID.JPEGXLLossless),
            encapsulated(UID.JPEGXLJPEGRecompression),
            encapsulated(UID.JPEGXL),
            encapsulated(UID.HTJ2KLossless),
            encapsulated(UID.HTJ2KLosslessRPCL),
            encapsulated(UID.HTJ2K),
            encapsulated(UID.RLELossless),
            encapsulated(UID.DeflatedImageFrameCompression),
            // last, as a receiver's last choice: the pixels are not in the data set but behind the
            // Pixel Data Provider URL (0028,7FE0), so there are no fragments either
            unencapsulated(UID.JPIPReferenced, true, false, false),
            unencapsulated(UID.JPIPReferencedDeflate, true, false, true),
            unencapsulated(UID.JPIPHTJ2KReferenced, true, false, false),
            unencapsulated(UID.JPIPHTJ2KReferencedDeflate, true, false, true),
            unencapsulated(UID.Papyrus3ImplicitVRLittleEndian, false, false, false));

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

    /**
     * @return all transfer syntaxes this class knows: the four native ones of PS3.5 A.1–A.5 first, then the
     *         encapsulated ones, then those whose data set holds no pixel data (JPIP referenced) and the retired
     *         Papyrus 3 syntax
     */
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
