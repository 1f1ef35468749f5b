package org.pacsbridge.camel.dicom;

import org.apache.camel.spi.Metadata;

/**
 * Header names of the {@code dicom:} component. They start with "Camel", so Camel's Kafka
 * component does not copy them onto records: identifiers reach a topic only where a flow puts
 * them in the record on purpose.
 */
public final class DicomConstants {

    @Metadata(label = "consumer", description = "SOP Instance UID (0008,0018) of the received object", javaType = "String")
    public static final String SOP_INSTANCE_UID = "CamelDicomSopInstanceUid";
    @Metadata(label = "consumer", description = "SOP Class UID (0008,0016) of the received object", javaType = "String")
    public static final String SOP_CLASS_UID = "CamelDicomSopClassUid";
    @Metadata(label = "consumer", description = "Study Instance UID (0020,000D)", javaType = "String")
    public static final String STUDY_INSTANCE_UID = "CamelDicomStudyInstanceUid";
    @Metadata(label = "consumer", description = "Series Instance UID (0020,000E)", javaType = "String")
    public static final String SERIES_INSTANCE_UID = "CamelDicomSeriesInstanceUid";
    @Metadata(label = "consumer", description = "Accession Number (0008,0050)", javaType = "String")
    public static final String ACCESSION_NUMBER = "CamelDicomAccessionNumber";
    @Metadata(label = "consumer", description = "Patient ID (0010,0020)", javaType = "String")
    public static final String PATIENT_ID = "CamelDicomPatientId";
    @Metadata(label = "consumer", description = "Issuer of Patient ID (0010,0021)", javaType = "String")
    public static final String ISSUER_OF_PATIENT_ID = "CamelDicomIssuerOfPatientId";
    @Metadata(label = "consumer", description = "Modality (0008,0060)", javaType = "String")
    public static final String MODALITY = "CamelDicomModality";
    @Metadata(label = "consumer", description = "Body Part Examined (0018,0015)", javaType = "String")
    public static final String BODY_PART_EXAMINED = "CamelDicomBodyPartExamined";
    @Metadata(label = "consumer", description = "View Position (0018,5101)", javaType = "String")
    public static final String VIEW_POSITION = "CamelDicomViewPosition";
    @Metadata(label = "consumer", description = "The values of Image Type (0008,0008)", javaType = "java.util.List<String>")
    public static final String IMAGE_TYPE = "CamelDicomImageType";
    @Metadata(label = "consumer", description = "Study Description (0008,1030)", javaType = "String")
    public static final String STUDY_DESCRIPTION = "CamelDicomStudyDescription";
    @Metadata(label = "consumer", description = "Series Description (0008,103E)", javaType = "String")
    public static final String SERIES_DESCRIPTION = "CamelDicomSeriesDescription";
    @Metadata(label = "consumer", description = "Presentation Intent Type (0008,0068)", javaType = "String")
    public static final String PRESENTATION_INTENT_TYPE = "CamelDicomPresentationIntentType";
    @Metadata(label = "consumer", description = "Study Date (0008,0020)", javaType = "String")
    public static final String STUDY_DATE = "CamelDicomStudyDate";
    @Metadata(label = "consumer", description = "Transfer syntax of the spooled Part 10 file", javaType = "String")
    public static final String TRANSFER_SYNTAX_UID = "CamelDicomTransferSyntaxUid";
    @Metadata(label = "consumer", description = "Calling AE title of the association the object arrived on", javaType = "String")
    public static final String CALLING_AE_TITLE = "CamelDicomCallingAeTitle";
    @Metadata(label = "consumer", description = "Called AE title of the association the object arrived on", javaType = "String")
    public static final String CALLED_AE_TITLE = "CamelDicomCalledAeTitle";
    @Metadata(label = "consumer", description = "Remote address of the association the object arrived on", javaType = "String")
    public static final String REMOTE_ADDRESS = "CamelDicomRemoteAddress";
    @Metadata(label = "consumer", description = "When the object was acknowledged, an ISO-8601 instant", javaType = "String")
    public static final String RECEIVED_AT = "CamelDicomReceivedAt";
    @Metadata(label = "consumer", description = "Which attempt at running the object through the route this is, from 1", javaType = "Integer")
    public static final String ATTEMPT = "CamelDicomAttempt";
    @Metadata(label = "consumer", description = "True on an object's last attempt (maxAttempts reached, or older than maxAge): if the route fails again the object is never retried, so the route must dead-letter it", javaType = "Boolean")
    public static final String LAST_ATTEMPT = "CamelDicomLastAttempt";
    @Metadata(label = "consumer", description = "On the give-up endpoint: why the last attempt failed (the exception's class and message)", javaType = "String")
    public static final String FAILURE = "CamelDicomFailure";
    @Metadata(label = "producer", description = "The DIMSE status of the last response", javaType = "Integer")
    public static final String STATUS = "CamelDicomStatus";
    @Metadata(label = "producer", description = "The number of objects stored by the exchange", javaType = "Integer")
    public static final String STORED_COUNT = "CamelDicomStoredCount";

    private DicomConstants() {
    }
}
