package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/**
 * A CT-like data set with every routing attribute, decoys inside sequences, a private UN sequence,
 * and pixel data, plus the values {@link DataSetReader} must find in it.
 */
final class TypicalDataSet {

    static final String SOP_INSTANCE = "1.2.826.0.1.3680043.2.1125.1.1";
    static final String STUDY = "1.2.826.0.1.3680043.2.1125.2";
    static final String SERIES = "1.2.826.0.1.3680043.2.1125.3.17";
    static final String PATIENT_ID = "PID-42";
    static final String STUDY_DESCRIPTION = "Thorax mit Kontrast \u00e9";

    private TypicalDataSet() {
    }

    /** Appends the data set to {@code b} and returns its bytes. */
    static byte[] build(DataSetBuilder b) {
        b.text(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100")
                .text(Tag.ImageType, VR.CS, "ORIGINAL\\PRIMARY\\AXIAL")
                .text(Tag.SOPClassUID, VR.UI, UID.CTImageStorage)
                .text(Tag.SOPInstanceUID, VR.UI, SOP_INSTANCE)
                .text(Tag.StudyDate, VR.DA, "20240131")
                .text(Tag.AccessionNumber, VR.SH, "ACC-0001")
                .text(Tag.Modality, VR.CS, "CT")
                .text(Tag.PresentationIntentType, VR.CS, "FOR PRESENTATION")
                .text(Tag.StudyDescription, VR.LO, STUDY_DESCRIPTION)
                .text(Tag.SeriesDescription, VR.LO, " Axial 5mm ")
                .sequence(0x00081115, false, // Referenced Series Sequence, defined length
                        b.item().text(Tag.SeriesInstanceUID, VR.UI, "9.9.9"))
                .sequence(Tag.ReferencedImageSequence, true,
                        b.item().text(0x00081150, VR.UI, UID.CTImageStorage)
                                .sequence(0x00081199, true, b.item(), b.item().text(Tag.Modality, VR.CS, "MR"))
                                .text(Tag.PatientID, VR.LO, "NESTED-ID"),
                        b.item())
                .text(Tag.PatientName, VR.PN, "Doe^John")
                .text(Tag.PatientID, VR.LO, PATIENT_ID)
                .text(Tag.IssuerOfPatientID, VR.LO, "HOSP-A")
                .text(Tag.PatientBirthDate, VR.DA, "19700101")
                .sequence(Tag.OtherPatientIDsSequence, false, b.item().text(Tag.PatientID, VR.LO, "OTHER-ID"))
                .text(Tag.BodyPartExamined, VR.CS, "CHEST")
                .text(Tag.ViewPosition, VR.CS, "PA")
                .text(Tag.StudyInstanceUID, VR.UI, STUDY)
                .text(Tag.SeriesInstanceUID, VR.UI, SERIES)
                .unsignedShort(0x00280010, 2)
                .unsignedShort(0x00280011, 2)
                .text(0x00290010, VR.LO, "PACSBRIDGE TEST")
                .sequence(0x00291010, VR.UN, true,
                        DataSetBuilder.implicitLittle().text(Tag.PatientID, VR.LO, "PRIVATE-ID"))
                .bytes(Tag.PixelData, VR.OW, new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
        return b.toByteArray();
    }

    static void assertExpected(RoutingAttributes a) {
        assertEquals(PATIENT_ID, a.patientId());
        assertEquals("HOSP-A", a.issuerOfPatientId());
        assertEquals("ACC-0001", a.accessionNumber());
        assertEquals(STUDY, a.studyInstanceUid());
        assertEquals(SERIES, a.seriesInstanceUid());
        assertEquals(SOP_INSTANCE, a.sopInstanceUid());
        assertEquals(UID.CTImageStorage, a.sopClassUid());
        assertEquals("CT", a.modality());
        assertEquals("CHEST", a.bodyPartExamined());
        assertEquals("PA", a.viewPosition());
        assertEquals(List.of("ORIGINAL", "PRIMARY", "AXIAL"), a.imageType());
        assertEquals(STUDY_DESCRIPTION, a.studyDescription());
        assertEquals("Axial 5mm", a.seriesDescription());
        assertEquals("FOR PRESENTATION", a.presentationIntentType());
        assertEquals("20240131", a.studyDate());
    }
}
