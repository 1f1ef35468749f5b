package org.pacsbridge.dicom;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A complete CR image object (dciodvfy finds no error in it) carrying every kind of identifier the profile deals with: patient, study, staff,
 * institution and device attributes, dates and times, UIDs at the top level, in nested sequences
 * and in an attribute the profile does not list, private attributes (also a private UN sequence),
 * an overlay and a curve, plus the values that must not survive de-identification.
 */
final class IdentifiedDataSet {

    static final String SOP_CLASS = UID.ComputedRadiographyImageStorage;
    static final String STUDY = "1.2.826.0.1.3680043.2.1125.8.1";
    static final String SERIES = "1.2.826.0.1.3680043.2.1125.8.2";
    static final String FRAME_OF_REFERENCE = "1.2.826.0.1.3680043.2.1125.8.3";
    static final String REFERENCED_INSTANCE = "1.2.826.0.1.3680043.2.1125.8.4";
    static final String NESTED_SERIES = "1.2.826.0.1.3680043.2.1125.8.5";
    static final String ACQUISITION_UID = "1.2.826.0.1.3680043.2.1125.8.6";
    static final String PATIENT_NAME = "Doe^John";
    static final String PATIENT_ID = "PID-4711";

    /** Values of the source that must appear nowhere in the copy. */
    static final List<String> IDENTIFYING_VALUES = List.of(
            STUDY, SERIES, FRAME_OF_REFERENCE, REFERENCED_INSTANCE, NESTED_SERIES, ACQUISITION_UID,
            PATIENT_NAME, PATIENT_ID, "ISSUER-X", "OTHER-ID-1", "Doe^Johnny", "19700101", "20240131", "20240201",
            "101517.123", "101733.456", "ACC-20240131", "General Hospital", "Main Street 1", "Radiology Dept",
            "Smith^Referring", "Performer^Paul", "Reader^Rita", "Operator^Olga", "STATION-7", "SN-998877",
            "Chest two views", "Thorax PA", "Chest PA Protocol", "054Y", "Patient comment", "Image comment",
            "STUDY-ID-5", "REQ-PROC-ID", "SPS-ID-9", "Nested^Name", "NESTED-PID", "PRIVATE-SECRET",
            "PRIVATE-UN-SECRET", "OVERLAY-SECRET", "CURVE-SECRET", "HOSPITAL PRIVATE", "Maker Inc");

    private IdentifiedDataSet() {
    }

    /** The data set with a given SOP Instance UID, and pixel data that follows it. */
    static byte[] build(DataSetBuilder b, String sopInstanceUid, byte[] pixels) {
        return withoutPixelData(b, sopInstanceUid).bytes(Tag.PixelData, VR.OW, pixels).toByteArray();
    }

    /** Everything but the pixel data, which must be appended. */
    static DataSetBuilder withoutPixelData(DataSetBuilder b, String sopInstanceUid) {
        return b.text(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100")
                .text(Tag.ImageType, VR.CS, "ORIGINAL\\PRIMARY")
                .text(0x00080012, VR.DA, "20240201") // Instance Creation Date
                .text(Tag.SOPClassUID, VR.UI, SOP_CLASS)
                .text(0x00080017, VR.UI, ACQUISITION_UID) // Acquisition UID: a UI the profile table lacks
                .text(Tag.SOPInstanceUID, VR.UI, sopInstanceUid)
                .text(Tag.StudyDate, VR.DA, "20240131")
                .text(0x00080021, VR.DA, "20240131")
                .text(0x00080022, VR.DA, "20240131")
                .text(0x00080023, VR.DA, "20240131")
                .text(0x00080030, VR.TM, "101517.123")
                .text(0x00080031, VR.TM, "101517.123")
                .text(0x00080032, VR.TM, "101733.456")
                .text(0x00080033, VR.TM, "101733.456")
                .text(Tag.AccessionNumber, VR.SH, "ACC-20240131")
                .text(Tag.Modality, VR.CS, "CR")
                .text(0x00080070, VR.LO, "Maker Inc") // Manufacturer
                .text(0x00080080, VR.LO, "General Hospital")
                .text(0x00080081, VR.ST, "Main Street 1")
                .text(0x00080090, VR.PN, "Smith^Referring")
                .text(0x00081010, VR.SH, "STATION-7")
                .text(Tag.StudyDescription, VR.LO, "Chest two views")
                .text(Tag.SeriesDescription, VR.LO, "Thorax PA")
                .text(0x00081040, VR.LO, "Radiology Dept")
                .text(0x00081050, VR.PN, "Performer^Paul")
                .text(0x00081060, VR.PN, "Reader^Rita")
                .text(0x00081070, VR.PN, "Operator^Olga")
                .sequence(0x00081110, false, // Referenced Study Sequence
                        b.item().text(0x00081150, VR.UI, "1.2.840.10008.3.1.2.3.1")
                                .text(0x00081155, VR.UI, STUDY))
                .sequence(0x00081115, false, // Referenced Series Sequence: not in the table, walked
                        b.item().sequence(0x00081199, true, b.item()
                                        .text(0x00081150, VR.UI, SOP_CLASS)
                                        .text(0x00081155, VR.UI, REFERENCED_INSTANCE)
                                        .text(Tag.PatientID, VR.LO, "NESTED-PID")
                                        .text(0x0040A123, VR.PN, "Nested^Name"))
                                .text(Tag.SeriesInstanceUID, VR.UI, NESTED_SERIES))
                .sequence(0x00081120, true, // Referenced Patient Sequence
                        b.item().text(0x00081150, VR.UI, "1.2.840.10008.3.1.2.1.1")
                                .text(0x00081155, VR.UI, "1.2.826.0.1.3680043.2.1125.8.99"))
                .sequence(Tag.ReferencedImageSequence, true,
                        b.item().text(0x00081150, VR.UI, SOP_CLASS)
                                .text(0x00081155, VR.UI, REFERENCED_INSTANCE))
                .text(Tag.PatientName, VR.PN, PATIENT_NAME)
                .text(Tag.PatientID, VR.LO, PATIENT_ID)
                .text(Tag.IssuerOfPatientID, VR.LO, "ISSUER-X")
                .text(Tag.PatientBirthDate, VR.DA, "19700101")
                .text(0x00100040, VR.CS, "M")
                .text(0x00101000, VR.LO, "OTHER-ID-1")
                .text(0x00101001, VR.PN, "Doe^Johnny")
                .sequence(Tag.OtherPatientIDsSequence, false, b.item().text(Tag.PatientID, VR.LO, "OTHER-ID-1"))
                .text(0x00101010, VR.AS, "054Y")
                .text(0x00101040, VR.LO, "Main Street 1")
                .text(0x00104000, VR.LT, "Patient comment")
                .text(0x00180015, VR.CS, "CHEST") // Body Part Examined
                .text(0x00181000, VR.LO, "SN-998877")
                .text(0x00181030, VR.LO, "Chest PA Protocol")
                .text(Tag.ViewPosition, VR.CS, "PA")
                .text(Tag.StudyInstanceUID, VR.UI, STUDY)
                .text(Tag.SeriesInstanceUID, VR.UI, SERIES)
                .text(0x00200010, VR.SH, "STUDY-ID-5")
                .text(0x00200011, VR.IS, "3") // Series Number
                .text(0x00200013, VR.IS, "7") // Instance Number
                .text(0x00200020, VR.CS, "L\\F") // Patient Orientation
                .text(0x00200052, VR.UI, FRAME_OF_REFERENCE)
                .text(0x00204000, VR.LT, "Image comment")
                .unsignedShort(0x00280002, 1)
                .text(0x00280004, VR.CS, "MONOCHROME2")
                .unsignedShort(0x00280010, 4)
                .unsignedShort(0x00280011, 4)
                .unsignedShort(0x00280100, 16)
                .unsignedShort(0x00280101, 12)
                .unsignedShort(0x00280102, 11)
                .unsignedShort(0x00280103, 0)
                .text(0x00290010, VR.LO, "HOSPITAL PRIVATE")
                .text(0x00291001, VR.LO, "PRIVATE-SECRET")
                .sequence(0x00291010, VR.UN, true,
                        DataSetBuilder.implicitLittle().text(Tag.PatientID, VR.LO, "PRIVATE-UN-SECRET"))
                .sequence(0x00400275, true, // Request Attributes Sequence
                        b.item().text(0x00401001, VR.SH, "REQ-PROC-ID")
                                .text(0x00400009, VR.SH, "SPS-ID-9")
                                .text(Tag.AccessionNumber, VR.SH, "ACC-20240131"))
                .bytes(0x50003000, VR.OW, "CURVE-SECRET".getBytes(StandardCharsets.US_ASCII))
                .unsignedShort(0x60000010, 4)
                .unsignedShort(0x60000011, 4)
                .bytes(0x60003000, VR.OW, "OVERLAY-SECRET".getBytes(StandardCharsets.US_ASCII));
    }

    /** 4 x 4 pixels of 16 bits. */
    static byte[] smallPixels() {
        byte[] pixels = new byte[32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7 + 3);
        }
        return pixels;
    }

    /** Writes a Part 10 file: file meta with a source AE title, then {@code dataSet}, deflated if the syntax says so. */
    static Path write(Path file, String transferSyntax, String sopInstanceUid, byte[] dataSet) throws IOException {
        byte[] encoded = TransferSyntax.of(transferSyntax).deflated() ? DataSetBuilder.deflate(dataSet) : dataSet;
        try (OutputStream out = Files.newOutputStream(file)) {
            Part10Writer.writeFileMeta(out, FileMeta.ofThisImplementation(SOP_CLASS, sopInstanceUid, transferSyntax)
                    .withSourceAeTitle("MODALITY-AE"));
            out.write(encoded);
        }
        return file;
    }
}
