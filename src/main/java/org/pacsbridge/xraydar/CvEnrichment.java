package org.pacsbridge.xraydar;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.DicomConstants;
import org.pacsbridge.dicom.DeidentificationOptions;
import org.pacsbridge.dicom.Deidentifier;
import org.pacsbridge.model.FindingsEventBuilder;
import org.pacsbridge.model.XraydarResult;

/**
 * Sends one chest radiograph to X-Raydar-CV — by default a de-identified copy made for the call
 * and deleted after it — and turns the answer into a findings event (the message body, keyed by
 * accession number, else Study Instance UID). The original identifiers stay in the node.
 */
@ApplicationScoped
@Named("cvEnrichment")
public class CvEnrichment {

    private static final Logger LOG = Logger.getLogger(CvEnrichment.class);

    @Inject
    XraydarConfig config;

    @Inject
    @Named("cvClient")
    XraydarClient client;

    @Inject
    FindingsEvents events;

    private byte[] uidSalt;

    @PostConstruct
    void salt() {
        if (config.deidentifySalt().isPresent()) {
            uidSalt = config.deidentifySalt().get().getBytes(StandardCharsets.UTF_8);
        } else {
            uidSalt = new byte[32];
            new SecureRandom().nextBytes(uidSalt);
            if (config.deidentify()) {
                LOG.info("No pacs.xraydar.deidentify-salt set: replacement UIDs of de-identified copies change at each start");
            }
        }
    }

    /**
     * What the patient pseudonym is derived from: the Patient ID, or — for an unidentified patient
     * (trauma, emergency), whose ID is empty — the study, so the pseudonym is still stable per study.
     */
    static String pseudonymSource(Message message) {
        String patientId = message.getHeader(DicomConstants.PATIENT_ID, String.class);
        if (patientId != null && !patientId.isBlank()) {
            return patientId;
        }
        String study = message.getHeader(DicomConstants.STUDY_INSTANCE_UID, String.class);
        if (study != null && !study.isBlank()) {
            return "study:" + study;
        }
        return "instance:" + message.getHeader(DicomConstants.SOP_INSTANCE_UID, String.class);
    }

    public void enrich(Exchange exchange) throws IOException, XraydarException {
        Message message = exchange.getMessage();
        Path original = message.getBody(File.class).toPath();
        Path sent = original;
        if (config.deidentify()) {
            sent = Files.createTempFile("xraydar-cv-", ".dcm");
            String pseudonym = DeidentificationOptions.derivePseudonym(uidSalt, pseudonymSource(message));
            Deidentifier.deidentify(original, sent, new DeidentificationOptions(uidSalt, pseudonym, false));
        }
        XraydarResult result;
        try {
            result = client.call(sent, "image.dcm", "application/dicom");
        } finally {
            if (sent != original) {
                Files.deleteIfExists(sent);
            }
        }
        Map<String, String> image = new LinkedHashMap<>();
        image.put("seriesInstanceUid", message.getHeader(DicomConstants.SERIES_INSTANCE_UID, String.class));
        image.put("sopInstanceUid", message.getHeader(DicomConstants.SOP_INSTANCE_UID, String.class));
        image.put("sopClassUid", message.getHeader(DicomConstants.SOP_CLASS_UID, String.class));
        image.put("modality", message.getHeader(DicomConstants.MODALITY, String.class));
        image.put("viewPosition", message.getHeader(DicomConstants.VIEW_POSITION, String.class));
        String accession = message.getHeader(DicomConstants.ACCESSION_NUMBER, String.class);
        String studyUid = message.getHeader(DicomConstants.STUDY_INSTANCE_UID, String.class);
        FindingsEventBuilder event = FindingsEventBuilder.cv()
                .study(accession, studyUid, events.patientId(message.getHeader(DicomConstants.PATIENT_ID, String.class)))
                .image(image)
                .result(result, events.thresholds());
        events.engine(event, "cv", client);
        String receivedAt = message.getHeader(DicomConstants.RECEIVED_AT, String.class);
        if (receivedAt != null) {
            event.receivedAt(Instant.parse(receivedAt));
        }
        message.setBody(event.build(Instant.now()));
        message.setHeader(KafkaConstants.KEY, accession != null ? accession : studyUid);
        events.describe(message, "cv", message.getHeader(DicomConstants.SOP_INSTANCE_UID, String.class));
    }
}
