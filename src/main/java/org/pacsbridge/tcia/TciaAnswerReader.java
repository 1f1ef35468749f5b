package org.pacsbridge.tcia;

import java.util.Optional;

/**
 * Turns answer rows into records, for one interface's key spellings and date formats.
 *
 * <p>Only the identifying key of each record is required; every other key may be missing (the NBIA
 * API leaves out null values, and the key sets differ per version). Keys the record does not know
 * are ignored.
 */
final class TciaAnswerReader {

    private final TciaDates.AnswerStyle dates;
    private final String patientIdKey;
    private final String otherPatientIdKey;

    /**
     * @param dates        the interface's date format
     * @param patientIdKey the key of {@code getPatient}'s patient ID: {@code PatientId} in the NBIA API,
     *                     {@code PatientID} in the v2 interface
     */
    TciaAnswerReader(TciaDates.AnswerStyle dates, String patientIdKey) {
        this.dates = dates;
        this.patientIdKey = patientIdKey;
        this.otherPatientIdKey = patientIdKey.equals("PatientId") ? "PatientID" : "PatientId";
    }

    TciaSeries series(JsonRow row) throws TciaException {
        return new TciaSeries(
                row.requiredText("SeriesInstanceUID"),
                row.text("StudyInstanceUID"),
                row.text("Modality"),
                row.text("ProtocolName"),
                row.date("SeriesDate", dates),
                row.text("SeriesDescription"),
                row.text("BodyPartExamined"),
                row.integer("SeriesNumber"),
                row.flag("AnnotationsFlag"),
                row.text("Collection"),
                row.text("Site"),
                row.text("PatientID"),
                row.text("PatientSex"),
                row.text("PatientAge"),
                row.text("AdmittingDiagnosisDescription"),
                row.text("Manufacturer"),
                row.text("ManufacturerModelName"),
                row.text("SoftwareVersions"),
                row.integer("ImageCount"),
                row.dateTime("TimeStamp", dates),
                row.dateTime("MaxSubmissionTimestamp", dates),
                row.text("LicenseName"),
                row.text("LicenseURI"),
                row.text("CollectionURI"),
                row.text("DataDescriptionURI"),
                row.longValue("FileSize"),
                row.text("ReleasedStatus"),
                // the shared-list endpoint spells it with a space
                row.has("DateReleased") ? row.dateTime("DateReleased", dates) : row.dateTime("Date Released", dates),
                row.text("StudyDesc"),
                row.date("StudyDate", dates),
                row.text("ThirdPartyAnalysis"),
                row.flag("Authorized"));
    }

    TciaStudy study(JsonRow row) throws TciaException {
        return new TciaStudy(
                row.requiredText("StudyInstanceUID"),
                row.date("StudyDate", dates),
                row.text("StudyDescription"),
                row.text("AdmittingDiagnosesDescription", "AdmittingDiagnosesDescriptions"),
                row.text("StudyID"),
                row.text("PatientAge"),
                row.text("PatientID"),
                row.text("PatientName"),
                row.text("PatientBirthDate"),
                row.text("PatientSex"),
                row.text("EthnicGroup"),
                row.text("Collection"),
                row.integer("SeriesCount"),
                row.text("LongitudinalTemporalEventType"),
                row.decimal("LongitudinalTemporalOffsetFromEvent"),
                row.flag("Authorized"));
    }

    TciaPatient patient(JsonRow row) throws TciaException {
        return new TciaPatient(
                row.requiredText(patientIdKey, otherPatientIdKey),
                row.text("PatientName"),
                row.text("PatientBirthDate"),
                row.text("PatientSex"),
                row.text("EthnicGroup"),
                row.text("Collection"),
                row.text("Phantom"),
                row.text("SpeciesCode"),
                row.text("SpeciesDescription"),
                row.flag("Authorized"));
    }

    /** Empty for {@code {}}, the all-null row of an unknown series. */
    Optional<TciaSeriesSize> seriesSize(JsonRow row) throws TciaException {
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Long bytes = row.longValue("TotalSizeInBytes");
        Integer count = row.integer("ObjectCount");
        if (bytes == null || count == null) {
            throw row.malformed("expected TotalSizeInBytes and ObjectCount (keys present: " + row.keyNames() + ")");
        }
        return Optional.of(new TciaSeriesSize(bytes, count));
    }

    /** The spaced keys of getSeriesMetaData; {@code "Study Date"} is MM-DD-YYYY in every version. */
    TciaSeriesMetadata seriesMetadata(JsonRow row) throws TciaException {
        return new TciaSeriesMetadata(
                row.requiredText("Series UID"),
                row.text("Collection"),
                row.text("3rd Party Analysis"),
                row.text("Data Description URI"),
                row.text("Subject ID"),
                row.text("Study UID"),
                row.text("Study Description"),
                row.date("Study Date", TciaDates.AnswerStyle.NBIA_V4),
                row.text("Series Description"),
                row.text("Manufacturer"),
                row.text("Modality"),
                row.text("SOP Class UID"),
                row.integer("Number of Images"),
                row.longValue("File Size"),
                row.text("File Location"),
                row.integer("Series Number"),
                row.text("License Name"),
                row.text("License URL"),
                row.text("Annotation Size"),
                row.text("Date Released"),
                row.text("Series Date"),
                row.text("Protocol Name"),
                row.text("Body Part Examined"),
                row.text("Annotations Flag"),
                row.text("Manufacturer Model Name"),
                row.text("Software Versions"),
                row.text("TimeStamp"));
    }
}
