package org.pacsbridge.camel.dicom;

/**
 * Header names of the {@code dicom:} component. They start with "Camel", so Camel's Kafka
 * component does not copy them onto records: identifiers reach a topic only where a flow puts
 * them in the record on purpose.
 */
public final class DicomConstants {

    public static final String SOP_INSTANCE_UID = "CamelDicomSopInstanceUid";
    public static final String SOP_CLASS_UID = "CamelDicomSopClassUid";
    public static final String STUDY_INSTANCE_UID = "CamelDicomStudyInstanceUid";
    public static final String SERIES_INSTANCE_UID = "CamelDicomSeriesInstanceUid";
    public static final String ACCESSION_NUMBER = "CamelDicomAccessionNumber";
    public static final String PATIENT_ID = "CamelDicomPatientId";
    public static final String ISSUER_OF_PATIENT_ID = "CamelDicomIssuerOfPatientId";
    public static final String MODALITY = "CamelDicomModality";
    public static final String BODY_PART_EXAMINED = "CamelDicomBodyPartExamined";
    public static final String VIEW_POSITION = "CamelDicomViewPosition";
    /** The values of Image Type (0008,0008) as a {@code List<String>}. */
    public static final String IMAGE_TYPE = "CamelDicomImageType";
    public static final String STUDY_DESCRIPTION = "CamelDicomStudyDescription";
    public static final String SERIES_DESCRIPTION = "CamelDicomSeriesDescription";
    public static final String PRESENTATION_INTENT_TYPE = "CamelDicomPresentationIntentType";
    public static final String STUDY_DATE = "CamelDicomStudyDate";
    public static final String TRANSFER_SYNTAX_UID = "CamelDicomTransferSyntaxUid";
    public static final String CALLING_AE_TITLE = "CamelDicomCallingAeTitle";
    public static final String CALLED_AE_TITLE = "CamelDicomCalledAeTitle";
    public static final String REMOTE_ADDRESS = "CamelDicomRemoteAddress";
    /** When the object was acknowledged, an ISO-8601 instant. */
    public static final String RECEIVED_AT = "CamelDicomReceivedAt";
    /** Consumer: which attempt at running the object through the route this is, from 1 (an Integer). */
    public static final String ATTEMPT = "CamelDicomAttempt";
    /**
     * Consumer: true on an object's last attempt (maxAttempts reached, or older than maxAge): if the
     * route fails again the object is never retried, so the route must dead-letter it.
     */
    public static final String LAST_ATTEMPT = "CamelDicomLastAttempt";
    /** Consumer, on the give-up endpoint: why the last attempt failed (the exception's class and message). */
    public static final String FAILURE = "CamelDicomFailure";
    /** Producer: the DIMSE status of the last response (an Integer). */
    public static final String STATUS = "CamelDicomStatus";
    /** Producer: the number of objects stored by the exchange (an Integer). */
    public static final String STORED_COUNT = "CamelDicomStoredCount";

    private DicomConstants() {
    }
}
