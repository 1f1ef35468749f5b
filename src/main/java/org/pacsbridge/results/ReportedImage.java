package org.pacsbridge.results;

/**
 * The original identity of the radiograph a findings SR describes, as the PACS knows it (never the
 * pseudonyms of the de-identified copy sent to X-Raydar). Values are unpadded; any may be null
 * except the UIDs the SR must reference, which the builder checks.
 *
 * @param patientName            (0010,0010), DICOM PN form ({@code Family^Given})
 * @param patientId              (0010,0020)
 * @param issuerOfPatientId      (0010,0021)
 * @param patientBirthDate       (0010,0030), YYYYMMDD
 * @param patientSex             (0010,0040), M, F or O
 * @param studyInstanceUid       (0020,000D), required: the SR goes into this study
 * @param accessionNumber        (0008,0050)
 * @param studyDate              (0008,0020), YYYYMMDD
 * @param studyTime              (0008,0030)
 * @param studyId                (0020,0010)
 * @param referringPhysicianName (0008,0090)
 * @param studyDescription       (0008,1030)
 * @param seriesInstanceUid      (0020,000E) of the image, required
 * @param sopClassUid            (0008,0016) of the image, required
 * @param sopInstanceUid         (0008,0018) of the image, required
 */
public record ReportedImage(String patientName, String patientId, String issuerOfPatientId, String patientBirthDate,
        String patientSex, String studyInstanceUid, String accessionNumber, String studyDate, String studyTime,
        String studyId, String referringPhysicianName, String studyDescription, String seriesInstanceUid,
        String sopClassUid, String sopInstanceUid) {
}
