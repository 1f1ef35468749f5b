package org.pacsbridge.tcia;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One series as {@code getSeriesMetaData} (NBIA v1/v2) and {@code getSeriesMetadata} (v4) describe it.
 * The keys of this answer are spelled with spaces ({@code "Series UID"}, {@code "Subject ID"}) and every
 * value is a string. Values whose format the API documents are converted; the others are kept as
 * sent. A component is {@code null} when its key was left out.
 *
 * @param seriesInstanceUid     {@code "Series UID"}; always present
 * @param collection            {@code "Collection"}
 * @param thirdPartyAnalysis    {@code "3rd Party Analysis"}
 * @param dataDescriptionUri    {@code "Data Description URI"}
 * @param subjectId             {@code "Subject ID"}
 * @param studyInstanceUid      {@code "Study UID"}
 * @param studyDescription      {@code "Study Description"}
 * @param studyDate             {@code "Study Date"} ({@code MM-DD-YYYY})
 * @param seriesDescription     {@code "Series Description"}
 * @param manufacturer          {@code "Manufacturer"}
 * @param modality              {@code "Modality"}
 * @param sopClassUid           {@code "SOP Class UID"}
 * @param numberOfImages        {@code "Number of Images"}
 * @param fileSize              {@code "File Size"}, bytes
 * @param fileLocation          {@code "File Location"} (in practice a study identifier)
 * @param seriesNumber          {@code "Series Number"} (sent as e.g. {@code "1.000000"})
 * @param licenseName           {@code "License Name"}
 * @param licenseUrl            {@code "License URL"}
 * @param annotationSize        {@code "Annotation Size"} as sent
 * @param dateReleased          {@code "Date Released"} as sent
 * @param seriesDate            {@code "Series Date"} as sent
 * @param protocolName          {@code "Protocol Name"}
 * @param bodyPartExamined      {@code "Body Part Examined"}
 * @param annotationsFlag       {@code "Annotations Flag"} as sent
 * @param manufacturerModelName {@code "Manufacturer Model Name"}
 * @param softwareVersions      {@code "Software Versions"}
 * @param timeStamp             {@code "TimeStamp"} as sent
 */
public record TciaSeriesMetadata(
        String seriesInstanceUid,
        String collection,
        String thirdPartyAnalysis,
        String dataDescriptionUri,
        String subjectId,
        String studyInstanceUid,
        String studyDescription,
        LocalDate studyDate,
        String seriesDescription,
        String manufacturer,
        String modality,
        String sopClassUid,
        Integer numberOfImages,
        Long fileSize,
        String fileLocation,
        Integer seriesNumber,
        String licenseName,
        String licenseUrl,
        String annotationSize,
        String dateReleased,
        String seriesDate,
        String protocolName,
        String bodyPartExamined,
        String annotationsFlag,
        String manufacturerModelName,
        String softwareVersions,
        String timeStamp) {

    public TciaSeriesMetadata {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
    }
}
