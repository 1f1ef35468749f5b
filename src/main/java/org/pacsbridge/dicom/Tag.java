package org.pacsbridge.dicom;

/**
 * Data element tags (PS3.6) used by this package, as {@code int} values {@code 0xGGGGEEEE},
 * plus helpers to take a tag apart and print it.
 */
public final class Tag {

    // File Meta Information, group 0002 (PS3.10 section 7.1)
    public static final int FileMetaInformationGroupLength = 0x00020000;
    public static final int FileMetaInformationVersion = 0x00020001;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int ImplementationClassUID = 0x00020012;
    public static final int ImplementationVersionName = 0x00020013;
    public static final int SourceApplicationEntityTitle = 0x00020016;

    // Data set attributes
    public static final int SpecificCharacterSet = 0x00080005;
    public static final int ImageType = 0x00080008;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int StudyDate = 0x00080020;
    public static final int AccessionNumber = 0x00080050;
    public static final int Modality = 0x00080060;
    public static final int PresentationIntentType = 0x00080068;
    public static final int StudyDescription = 0x00081030;
    public static final int SeriesDescription = 0x0008103E;
    public static final int ReferencedImageSequence = 0x00081140;
    public static final int PatientName = 0x00100010;
    public static final int PatientID = 0x00100020;
    public static final int IssuerOfPatientID = 0x00100021;
    public static final int PatientBirthDate = 0x00100030;
    public static final int OtherPatientIDsSequence = 0x00101002;
    public static final int BodyPartExamined = 0x00180015;
    public static final int ViewPosition = 0x00185101;
    public static final int StudyInstanceUID = 0x0020000D;
    public static final int SeriesInstanceUID = 0x0020000E;
    public static final int IconImageSequence = 0x00880200;
    public static final int FloatPixelData = 0x7FE00008;
    public static final int DoubleFloatPixelData = 0x7FE00009;
    public static final int PixelData = 0x7FE00010;

    // Items and delimiters (PS3.5 section 7.5); they carry no VR even in explicit VR syntaxes
    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    private Tag() {
    }

    /** @return the group number (upper 16 bits) of {@code tag} */
    public static int group(int tag) {
        return tag >>> 16;
    }

    /** @return the element number (lower 16 bits) of {@code tag} */
    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** @return the tag made of {@code group} and {@code element} */
    public static int of(int group, int element) {
        return (group & 0xFFFF) << 16 | (element & 0xFFFF);
    }

    /** @return {@code tag} in the usual notation, for example {@code (0010,0020)} */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", group(tag), element(tag));
    }
}
