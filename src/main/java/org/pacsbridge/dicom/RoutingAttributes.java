package org.pacsbridge.dicom;

import java.util.List;

/**
 * The attributes PACS Bridge routes on, as found at the top level of a data set. Text is decoded
 * per Specific Character Set and stripped of leading and trailing spaces and NULs; an attribute that
 * is absent or empty is {@code null} ({@code imageType} is then an empty list).
 *
 * @param patientId              (0010,0020)
 * @param issuerOfPatientId      (0010,0021)
 * @param accessionNumber        (0008,0050)
 * @param studyInstanceUid       (0020,000D)
 * @param seriesInstanceUid      (0020,000E)
 * @param sopInstanceUid         (0008,0018)
 * @param sopClassUid            (0008,0016)
 * @param modality               (0008,0060)
 * @param bodyPartExamined       (0018,0015)
 * @param viewPosition           (0018,5101)
 * @param imageType              (0008,0008), one entry per value
 * @param studyDescription       (0008,1030)
 * @param seriesDescription      (0008,103E)
 * @param presentationIntentType (0008,0068)
 * @param studyDate              (0008,0020), as encoded (YYYYMMDD)
 */
public record RoutingAttributes(String patientId, String issuerOfPatientId, String accessionNumber,
        String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, String sopClassUid,
        String modality, String bodyPartExamined, String viewPosition, List<String> imageType,
        String studyDescription, String seriesDescription, String presentationIntentType, String studyDate) {

    /** Copies {@code imageType}; null becomes an empty list. */
    public RoutingAttributes {
        imageType = imageType == null ? List.of() : List.copyOf(imageType);
    }

    /**
     * Safe for logs: identifiers that point at a patient (patient ID, accession number, study
     * date) and the free-text descriptions are replaced by whether they are present.
     */
    @Override
    public String toString() {
        return "RoutingAttributes[patientId=" + presence(patientId)
                + ", issuerOfPatientId=" + issuerOfPatientId
                + ", accessionNumber=" + presence(accessionNumber)
                + ", studyInstanceUid=" + studyInstanceUid
                + ", seriesInstanceUid=" + seriesInstanceUid
                + ", sopInstanceUid=" + sopInstanceUid
                + ", sopClassUid=" + sopClassUid
                + ", modality=" + modality
                + ", bodyPartExamined=" + bodyPartExamined
                + ", viewPosition=" + viewPosition
                + ", imageType=" + imageType
                + ", studyDescription=" + presence(studyDescription)
                + ", seriesDescription=" + presence(seriesDescription)
                + ", presentationIntentType=" + presentationIntentType
                + ", studyDate=" + presence(studyDate) + "]";
    }

    private static String presence(String value) {
        return value == null ? "<absent>" : "<present>";
    }
}
