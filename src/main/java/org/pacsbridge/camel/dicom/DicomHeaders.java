package org.pacsbridge.camel.dicom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Message;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.RoutingAttributes;
import org.pacsbridge.dicom.TransferSyntax;

/**
 * Fills a message from a Part 10 file: the file as body, its routing attributes and the facts of
 * the association it arrived on as {@link DicomConstants} headers. Pixel data is not read.
 */
public final class DicomHeaders {

    /** Keys of the facts kept beside a spooled object. */
    public static final String FACT_CALLING_AE = "callingAeTitle";
    public static final String FACT_CALLED_AE = "calledAeTitle";
    public static final String FACT_REMOTE_ADDRESS = "remoteAddress";
    public static final String FACT_RECEIVED_AT = "receivedAt";

    private DicomHeaders() {
    }

    public static void describe(Message message, Path file, Properties facts) throws IOException {
        FileMeta meta;
        RoutingAttributes attributes;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 16 * 1024)) {
            meta = Part10Reader.readFileMeta(in);
            attributes = DataSetReader.read(in, TransferSyntax.ofAssumingEncapsulated(meta.transferSyntaxUid()));
        }
        message.setBody(file.toFile());
        Map<String, Object> headers = message.getHeaders();
        putIfNotNull(headers, DicomConstants.SOP_INSTANCE_UID, meta.mediaStorageSopInstanceUid());
        putIfNotNull(headers, DicomConstants.SOP_CLASS_UID, meta.mediaStorageSopClassUid());
        putIfNotNull(headers, DicomConstants.TRANSFER_SYNTAX_UID, meta.transferSyntaxUid());
        putIfNotNull(headers, DicomConstants.STUDY_INSTANCE_UID, attributes.studyInstanceUid());
        putIfNotNull(headers, DicomConstants.SERIES_INSTANCE_UID, attributes.seriesInstanceUid());
        putIfNotNull(headers, DicomConstants.ACCESSION_NUMBER, attributes.accessionNumber());
        putIfNotNull(headers, DicomConstants.PATIENT_ID, attributes.patientId());
        putIfNotNull(headers, DicomConstants.ISSUER_OF_PATIENT_ID, attributes.issuerOfPatientId());
        putIfNotNull(headers, DicomConstants.MODALITY, attributes.modality());
        putIfNotNull(headers, DicomConstants.BODY_PART_EXAMINED, attributes.bodyPartExamined());
        putIfNotNull(headers, DicomConstants.VIEW_POSITION, attributes.viewPosition());
        headers.put(DicomConstants.IMAGE_TYPE, attributes.imageType());
        putIfNotNull(headers, DicomConstants.STUDY_DESCRIPTION, attributes.studyDescription());
        putIfNotNull(headers, DicomConstants.SERIES_DESCRIPTION, attributes.seriesDescription());
        putIfNotNull(headers, DicomConstants.PRESENTATION_INTENT_TYPE, attributes.presentationIntentType());
        putIfNotNull(headers, DicomConstants.STUDY_DATE, attributes.studyDate());
        putIfNotNull(headers, DicomConstants.CALLING_AE_TITLE, facts.getProperty(FACT_CALLING_AE));
        putIfNotNull(headers, DicomConstants.CALLED_AE_TITLE, facts.getProperty(FACT_CALLED_AE));
        putIfNotNull(headers, DicomConstants.REMOTE_ADDRESS, facts.getProperty(FACT_REMOTE_ADDRESS));
        putIfNotNull(headers, DicomConstants.RECEIVED_AT, facts.getProperty(FACT_RECEIVED_AT));
    }

    private static void putIfNotNull(Map<String, Object> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
