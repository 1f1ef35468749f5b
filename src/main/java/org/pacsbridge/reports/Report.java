package org.pacsbridge.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * The canonical radiology report the node publishes ({@value #SCHEMA}, JSON Schema in
 * {@code docs/schemas/report-v1.json}). Component names are the JSON names.
 *
 * <p>{@code reportId} is stable for one report across its preliminary, final and corrected
 * messages: a name-based UUID of the sending facility, sending application and accession number.
 *
 * <p>{@code version} orders messages of the same report: {@code status.rank() × 10^17 +
 * yyyyMMddHHmmssSSS} of the message time (MSH-7 in UTC; the receive time if MSH-7 is unusable).
 * A consumer keeps the report with the highest version per {@code reportId}, so a final report
 * supersedes a preliminary one whatever order they arrive in, a correction supersedes the final, and
 * a later correction supersedes an earlier one. The observation time is deliberately not part of
 * it: a correction may fix it.
 *
 * <p>{@code identity} is what the source says about the patient and the people named in the report
 * (HL7 segments, or the identity fields of report JSON), kept only for scrubbing the text sent out;
 * it is never serialised and, like the report text and patient ID, never appears in {@link #toString()}.
 *
 * @param patientIdTypeCode PID-3.5 of the first repetition, e.g. MR
 * @param status            the mapped status; {@code hl7Status} is the code as received
 * @param observationTime   null when the message carries none
 */
@JsonPropertyOrder({"schema", "reportId", "version", "messageControlId", "messageType", "hl7Version", "sendingApplication",
        "sendingFacility", "accessionNumber", "patientId", "patientIdAssigningAuthority", "patientIdTypeCode",
        "studyInstanceUid", "procedureCode", "procedureText", "procedureCodingSystem", "status", "hl7Status",
        "observationTime", "receivedAt", "reportText"})
public record Report(
        String schema,
        String reportId,
        long version,
        String messageControlId,
        String messageType,
        String hl7Version,
        String sendingApplication,
        String sendingFacility,
        String accessionNumber,
        String patientId,
        String patientIdAssigningAuthority,
        String patientIdTypeCode,
        String studyInstanceUid,
        String procedureCode,
        String procedureText,
        String procedureCodingSystem,
        ReportStatus status,
        String hl7Status,
        OffsetDateTime observationTime,
        Instant receivedAt,
        String reportText,
        @JsonIgnore PatientIdentity identity) {

    public static final String SCHEMA = "pacs-bridge.report/v1";

    public Report {
        schema = schema == null ? SCHEMA : schema;
        Objects.requireNonNull(accessionNumber, "accessionNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reportText, "reportText");
        identity = identity == null ? PatientIdentity.EMPTY : identity;
    }

    /** The same report with other text, e.g. after scrubbing. */
    public Report withReportText(String text) {
        return new Report(schema, reportId, version, messageControlId, messageType, hl7Version, sendingApplication,
                sendingFacility, accessionNumber, patientId, patientIdAssigningAuthority, patientIdTypeCode,
                studyInstanceUid, procedureCode, procedureText, procedureCodingSystem, status, hl7Status,
                observationTime, receivedAt, text, identity);
    }

    /** The {@code reportId} of a report from this facility and application with this accession number. */
    public static String reportIdOf(String sendingFacility, String sendingApplication, String accessionNumber) {
        String name = "pacs-bridge.report|" + Objects.toString(sendingFacility, "") + "|" + Objects.toString(sendingApplication, "")
                + "|" + accessionNumber;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The same report with {@code reportId} set as {@link #reportIdOf} gives, when it has none. */
    public Report withReportIdIfMissing() {
        if (reportId != null && !reportId.isBlank()) {
            return this;
        }
        return new Report(schema, reportIdOf(sendingFacility, sendingApplication, accessionNumber), version, messageControlId,
                messageType, hl7Version, sendingApplication, sendingFacility, accessionNumber, patientId,
                patientIdAssigningAuthority, patientIdTypeCode, studyInstanceUid, procedureCode, procedureText,
                procedureCodingSystem, status, hl7Status, observationTime, receivedAt, reportText, identity);
    }

    /** The same report with the identity its text is to be scrubbed of. */
    public Report withIdentity(PatientIdentity patientIdentity) {
        return new Report(schema, reportId, version, messageControlId, messageType, hl7Version, sendingApplication,
                sendingFacility, accessionNumber, patientId, patientIdAssigningAuthority, patientIdTypeCode,
                studyInstanceUid, procedureCode, procedureText, procedureCodingSystem, status, hl7Status,
                observationTime, receivedAt, reportText, patientIdentity);
    }

    @Override
    public String toString() {
        return "Report[reportId=" + reportId + ", accessionNumber=" + accessionNumber + ", status=" + status
                + ", version=" + version + ", messageControlId=" + messageControlId + ", messageType=" + messageType + "]";
    }
}
