package org.pacsbridge.tcia;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One series as {@code getSeries}, {@code getUpdatedSeries} and the shared-list endpoints describe it.
 * Components are named after the documented JSON keys; a component is {@code null} when the answer
 * left the key out (the NBIA API drops null values instead of sending {@code null}) or when the
 * interface does not have it (e.g. {@code site} exists only in NBIA v4). Dates arrive in each
 * interface's own format (NBIA v1/v2 {@code yyyy-MM-dd HH:mm:ss.S}, v4 {@code MM-DD-YYYY}) and are
 * parsed accordingly; v4 gives days only, so its timestamps are at midnight.
 *
 * @param seriesInstanceUid             {@code SeriesInstanceUID}; always present
 * @param studyInstanceUid              {@code StudyInstanceUID}
 * @param modality                      {@code Modality}
 * @param protocolName                  {@code ProtocolName}
 * @param seriesDate                    {@code SeriesDate}
 * @param seriesDescription             {@code SeriesDescription}
 * @param bodyPartExamined              {@code BodyPartExamined}; curator-entered and often missing
 * @param seriesNumber                  {@code SeriesNumber}
 * @param annotationsFlag               {@code AnnotationsFlag}
 * @param collection                    {@code Collection}
 * @param site                          {@code Site} (v4)
 * @param patientId                     {@code PatientID}
 * @param patientSex                    {@code PatientSex} (v4)
 * @param patientAge                    {@code PatientAge} (v4)
 * @param admittingDiagnosisDescription {@code AdmittingDiagnosisDescription} (v4)
 * @param manufacturer                  {@code Manufacturer}
 * @param manufacturerModelName         {@code ManufacturerModelName}
 * @param softwareVersions              {@code SoftwareVersions}
 * @param imageCount                    {@code ImageCount}
 * @param timeStamp                     {@code TimeStamp} (NBIA v1/v2)
 * @param maxSubmissionTimestamp        {@code MaxSubmissionTimestamp} (v4)
 * @param licenseName                   {@code LicenseName}
 * @param licenseUri                    {@code LicenseURI}
 * @param collectionUri                 {@code CollectionURI} (NBIA v1/v2)
 * @param dataDescriptionUri            {@code DataDescriptionURI} (v4)
 * @param fileSize                      {@code FileSize}, bytes
 * @param releasedStatus                {@code ReleasedStatus} (v4)
 * @param dateReleased                  {@code DateReleased} ({@code "Date Released"} in shared lists)
 * @param studyDesc                     {@code StudyDesc}
 * @param studyDate                     {@code StudyDate}
 * @param thirdPartyAnalysis            {@code ThirdPartyAnalysis}, {@code "YES"} or {@code "NO"}
 * @param authorized                    {@code Authorized} (v4)
 */
public record TciaSeries(
        String seriesInstanceUid,
        String studyInstanceUid,
        String modality,
        String protocolName,
        LocalDate seriesDate,
        String seriesDescription,
        String bodyPartExamined,
        Integer seriesNumber,
        Boolean annotationsFlag,
        String collection,
        String site,
        String patientId,
        String patientSex,
        String patientAge,
        String admittingDiagnosisDescription,
        String manufacturer,
        String manufacturerModelName,
        String softwareVersions,
        Integer imageCount,
        LocalDateTime timeStamp,
        LocalDateTime maxSubmissionTimestamp,
        String licenseName,
        String licenseUri,
        String collectionUri,
        String dataDescriptionUri,
        Long fileSize,
        String releasedStatus,
        LocalDateTime dateReleased,
        String studyDesc,
        LocalDate studyDate,
        String thirdPartyAnalysis,
        Boolean authorized) {

    public TciaSeries {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
    }

    /** Leaves the patient's values out, for log lines and exception messages. */
    @Override
    public String toString() {
        return "TciaSeries[seriesInstanceUid=" + seriesInstanceUid + ", collection=" + collection
                + ", modality=" + modality + ", bodyPartExamined=" + bodyPartExamined + ", imageCount=" + imageCount
                + ", fileSize=" + fileSize + ", dateReleased=" + dateReleased + "]";
    }
}
