package org.pacsbridge.dicom;

import java.util.List;

/** UIDs (PS3.6 Annex A) used by PACS Bridge, and a syntax check for UID strings (PS3.5 section 9). */
public final class UID {

    /**
     * Implementation Class UID of PACS Bridge. It lies under the 2.25 arc (PS3.5 Annex B.2), formed
     * from a UUID generated once for this product, so no registered root is needed.
     */
    public static final String IMPLEMENTATION_CLASS = "2.25.168354041012804641915204485122290037374";

    /** Implementation Version Name of PACS Bridge (at most 16 characters, SH). */
    public static final String IMPLEMENTATION_VERSION_NAME = "PACSBRIDGE_010";

    // Transfer syntaxes (PS3.6 Table A-1)
    public static final String ImplicitVRLittleEndian = "1.2.840.10008.1.2";
    public static final String ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
    public static final String EncapsulatedUncompressedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.98";
    public static final String DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
    /** Retired, but still sent by old modalities. */
    public static final String ExplicitVRBigEndian = "1.2.840.10008.1.2.2";
    public static final String JPEGBaseline8Bit = "1.2.840.10008.1.2.4.50";
    public static final String JPEGExtended12Bit = "1.2.840.10008.1.2.4.51";
    /** Retired: JPEG processes 3 and 5 and the others up to 1.2.840.10008.1.2.4.66, except .57. */
    public static final String JPEGExtended35 = "1.2.840.10008.1.2.4.52";
    public static final String JPEGSpectralSelectionNonHierarchical68 = "1.2.840.10008.1.2.4.53";
    public static final String JPEGSpectralSelectionNonHierarchical79 = "1.2.840.10008.1.2.4.54";
    public static final String JPEGFullProgressionNonHierarchical1012 = "1.2.840.10008.1.2.4.55";
    public static final String JPEGFullProgressionNonHierarchical1113 = "1.2.840.10008.1.2.4.56";
    public static final String JPEGLossless = "1.2.840.10008.1.2.4.57";
    public static final String JPEGLosslessNonHierarchical15 = "1.2.840.10008.1.2.4.58";
    public static final String JPEGExtendedHierarchical1618 = "1.2.840.10008.1.2.4.59";
    public static final String JPEGExtendedHierarchical1719 = "1.2.840.10008.1.2.4.60";
    public static final String JPEGSpectralSelectionHierarchical2022 = "1.2.840.10008.1.2.4.61";
    public static final String JPEGSpectralSelectionHierarchical2123 = "1.2.840.10008.1.2.4.62";
    public static final String JPEGFullProgressionHierarchical2426 = "1.2.840.10008.1.2.4.63";
    public static final String JPEGFullProgressionHierarchical2527 = "1.2.840.10008.1.2.4.64";
    public static final String JPEGLosslessHierarchical28 = "1.2.840.10008.1.2.4.65";
    public static final String JPEGLosslessHierarchical29 = "1.2.840.10008.1.2.4.66";
    public static final String JPEGLosslessSV1 = "1.2.840.10008.1.2.4.70";
    public static final String JPEGLSLossless = "1.2.840.10008.1.2.4.80";
    public static final String JPEGLSNearLossless = "1.2.840.10008.1.2.4.81";
    public static final String JPEG2000Lossless = "1.2.840.10008.1.2.4.90";
    public static final String JPEG2000 = "1.2.840.10008.1.2.4.91";
    public static final String JPEG2000MCLossless = "1.2.840.10008.1.2.4.92";
    public static final String JPEG2000MC = "1.2.840.10008.1.2.4.93";
    /** Pixel data is not in the data set but referenced by Pixel Data Provider URL (0028,7FE0). */
    public static final String JPIPReferenced = "1.2.840.10008.1.2.4.94";
    public static final String JPIPReferencedDeflate = "1.2.840.10008.1.2.4.95";
    public static final String MPEG2MPML = "1.2.840.10008.1.2.4.100";
    public static final String MPEG2MPMLF = "1.2.840.10008.1.2.4.100.1";
    public static final String MPEG2MPHL = "1.2.840.10008.1.2.4.101";
    public static final String MPEG2MPHLF = "1.2.840.10008.1.2.4.101.1";
    public static final String MPEG4HP41 = "1.2.840.10008.1.2.4.102";
    public static final String MPEG4HP41F = "1.2.840.10008.1.2.4.102.1";
    public static final String MPEG4HP41BD = "1.2.840.10008.1.2.4.103";
    public static final String MPEG4HP41BDF = "1.2.840.10008.1.2.4.103.1";
    public static final String MPEG4HP422D = "1.2.840.10008.1.2.4.104";
    public static final String MPEG4HP422DF = "1.2.840.10008.1.2.4.104.1";
    public static final String MPEG4HP423D = "1.2.840.10008.1.2.4.105";
    public static final String MPEG4HP423DF = "1.2.840.10008.1.2.4.105.1";
    public static final String MPEG4HP42STEREO = "1.2.840.10008.1.2.4.106";
    public static final String MPEG4HP42STEREOF = "1.2.840.10008.1.2.4.106.1";
    public static final String HEVCMP51 = "1.2.840.10008.1.2.4.107";
    public static final String HEVCM10P51 = "1.2.840.10008.1.2.4.108";
    public static final String JPEGXLLossless = "1.2.840.10008.1.2.4.110";
    public static final String JPEGXLJPEGRecompression = "1.2.840.10008.1.2.4.111";
    public static final String JPEGXL = "1.2.840.10008.1.2.4.112";
    public static final String HTJ2KLossless = "1.2.840.10008.1.2.4.201";
    public static final String HTJ2KLosslessRPCL = "1.2.840.10008.1.2.4.202";
    public static final String HTJ2K = "1.2.840.10008.1.2.4.203";
    public static final String JPIPHTJ2KReferenced = "1.2.840.10008.1.2.4.204";
    public static final String JPIPHTJ2KReferencedDeflate = "1.2.840.10008.1.2.4.205";
    public static final String RLELossless = "1.2.840.10008.1.2.5";
    /** Each frame deflated in a fragment of its own; the data set itself is not deflated. */
    public static final String DeflatedImageFrameCompression = "1.2.840.10008.1.2.8.1";
    /** Retired; PS3.5 defines no encoding for it beyond its name: Implicit VR Little Endian. */
    public static final String Papyrus3ImplicitVRLittleEndian = "1.2.840.10008.1.20";

    // SOP classes
    public static final String Verification = "1.2.840.10008.1.1";
    public static final String ComputedRadiographyImageStorage = "1.2.840.10008.5.1.4.1.1.1";
    public static final String DigitalXRayImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.1";
    public static final String DigitalXRayImageStorageForProcessing = "1.2.840.10008.5.1.4.1.1.1.1.1";
    public static final String DigitalMammographyXRayImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.2";
    public static final String DigitalMammographyXRayImageStorageForProcessing = "1.2.840.10008.5.1.4.1.1.1.2.1";
    public static final String DigitalIntraOralXRayImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.3";
    public static final String DigitalIntraOralXRayImageStorageForProcessing = "1.2.840.10008.5.1.4.1.1.1.3.1";
    public static final String CTImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public static final String EnhancedCTImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";
    public static final String UltrasoundMultiFrameImageStorage = "1.2.840.10008.5.1.4.1.1.3.1";
    public static final String MRImageStorage = "1.2.840.10008.5.1.4.1.1.4";
    public static final String EnhancedMRImageStorage = "1.2.840.10008.5.1.4.1.1.4.1";
    public static final String UltrasoundImageStorage = "1.2.840.10008.5.1.4.1.1.6.1";
    public static final String SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";
    public static final String MultiFrameSingleBitSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.1";
    public static final String MultiFrameGrayscaleByteSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.2";
    public static final String MultiFrameGrayscaleWordSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.3";
    public static final String MultiFrameTrueColorSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.4";
    public static final String GrayscaleSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.1";
    public static final String XRayAngiographicImageStorage = "1.2.840.10008.5.1.4.1.1.12.1";
    public static final String XRayRadiofluoroscopicImageStorage = "1.2.840.10008.5.1.4.1.1.12.2";
    public static final String BreastTomosynthesisImageStorage = "1.2.840.10008.5.1.4.1.1.13.1.3";
    public static final String NuclearMedicineImageStorage = "1.2.840.10008.5.1.4.1.1.20";
    public static final String VLPhotographicImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.4";
    public static final String BasicTextSRStorage = "1.2.840.10008.5.1.4.1.1.88.11";
    public static final String EnhancedSRStorage = "1.2.840.10008.5.1.4.1.1.88.22";
    public static final String ComprehensiveSRStorage = "1.2.840.10008.5.1.4.1.1.88.33";
    public static final String KeyObjectSelectionDocumentStorage = "1.2.840.10008.5.1.4.1.1.88.59";
    public static final String EncapsulatedPDFStorage = "1.2.840.10008.5.1.4.1.1.104.1";
    public static final String PositronEmissionTomographyImageStorage = "1.2.840.10008.5.1.4.1.1.128";
    public static final String RTImageStorage = "1.2.840.10008.5.1.4.1.1.481.1";

    /** The storage SOP classes above, in the order listed, for configuring presentation contexts. */
    public static final List<String> STORAGE_SOP_CLASSES = List.of(
            ComputedRadiographyImageStorage,
            DigitalXRayImageStorageForPresentation,
            DigitalXRayImageStorageForProcessing,
            DigitalMammographyXRayImageStorageForPresentation,
            DigitalMammographyXRayImageStorageForProcessing,
            DigitalIntraOralXRayImageStorageForPresentation,
            DigitalIntraOralXRayImageStorageForProcessing,
            CTImageStorage,
            EnhancedCTImageStorage,
            UltrasoundMultiFrameImageStorage,
            MRImageStorage,
            EnhancedMRImageStorage,
            UltrasoundImageStorage,
            SecondaryCaptureImageStorage,
            MultiFrameSingleBitSecondaryCaptureImageStorage,
            MultiFrameGrayscaleByteSecondaryCaptureImageStorage,
            MultiFrameGrayscaleWordSecondaryCaptureImageStorage,
            MultiFrameTrueColorSecondaryCaptureImageStorage,
            GrayscaleSoftcopyPresentationStateStorage,
            XRayAngiographicImageStorage,
            XRayRadiofluoroscopicImageStorage,
            BreastTomosynthesisImageStorage,
            NuclearMedicineImageStorage,
            VLPhotographicImageStorage,
            BasicTextSRStorage,
            EnhancedSRStorage,
            ComprehensiveSRStorage,
            KeyObjectSelectionDocumentStorage,
            EncapsulatedPDFStorage,
            PositronEmissionTomographyImageStorage,
            RTImageStorage);

    /** Longest UID allowed by PS3.5 section 9.1. */
    public static final int MAX_LENGTH = 64;

    private UID() {
    }

    /**
     * Checks the UID syntax of PS3.5 section 9.1: at most 64 characters, dot-separated components of
     * digits, no empty component, no leading zero in a component of more than one digit.
     */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > MAX_LENGTH) {
            return false;
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            if (i == uid.length() || uid.charAt(i) == '.') {
                int componentLength = i - componentStart;
                if (componentLength == 0 || (componentLength > 1 && uid.charAt(componentStart) == '0')) {
                    return false;
                }
                componentStart = i + 1;
            } else if (uid.charAt(i) < '0' || uid.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
