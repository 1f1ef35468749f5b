package org.pacsbridge.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pacsbridge.home.NodeHome;
import org.pacsbridge.camel.dicom.DicomConstants;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps a DICOM object whose processing failed for good: the spooled file is copied (and fsynced)
 * to {@code failed/} beside the spool ({@link FailedObjectFiles}), and the message becomes a JSON
 * reference to it (SOP Instance UID, dead-letter id and node, no path), ready for the dead-letter topic. The object
 * itself never goes to Kafka.
 */
@ApplicationScoped
@Named("failedDicomObjects")
public class FailedDicomObjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Exchange property: the file this exchange has just kept in failed/ (a replay must not delete it). */
    public static final String KEPT = "pacs.failed.kept";

    @ConfigProperty(name = "pacs.spool.dir")
    String spoolDir;

    private volatile FailedObjectFiles files;

    FailedObjectFiles files() {
        if (files == null) {
            files = new FailedObjectFiles(NodeHome.resolve(spoolDir).resolve("failed"), FailedObjectFiles.thisNode());
        }
        return files;
    }

    public void keep(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        Path spooled = message.getBody(java.io.File.class).toPath();
        String uid = message.getHeader(DicomConstants.SOP_INSTANCE_UID, String.class);
        String deadLetterId = FailedObjectFiles.newDeadLetterId();
        Path kept = files().keep(spooled, uid, deadLetterId);
        exchange.setProperty(KEPT, kept);
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("type", "dicom-object");
        reference.put("sopInstanceUid", uid);
        // one file per dead letter: two dead letters of one image are replayed each from its own
        reference.put("deadLetterId", deadLetterId);
        reference.put("sopClassUid", message.getHeader(DicomConstants.SOP_CLASS_UID));
        reference.put("studyInstanceUid", message.getHeader(DicomConstants.STUDY_INSTANCE_UID));
        reference.put("accessionNumber", message.getHeader(DicomConstants.ACCESSION_NUMBER));
        reference.put("callingAeTitle", message.getHeader(DicomConstants.CALLING_AE_TITLE));
        reference.put("receivedAt", message.getHeader(DicomConstants.RECEIVED_AT));
        // the object is found again by UID under failed/ of this node, never by a path from the record
        reference.put("node", files().node());
        message.setBody(JSON.writeValueAsString(reference));
        Object key = message.getHeader(DicomConstants.ACCESSION_NUMBER) != null
                ? message.getHeader(DicomConstants.ACCESSION_NUMBER)
                : message.getHeader(DicomConstants.STUDY_INSTANCE_UID);
        if (key != null) {
            message.setHeader(KafkaConstants.KEY, key.toString());
        }
    }

    /** Deletes what {@link #keep} kept for this exchange: its dead letter was not published. */
    public void discard(Exchange exchange) throws IOException {
        Path kept = exchange.getProperty(KEPT, Path.class);
        if (kept != null) {
            Files.deleteIfExists(kept);
            exchange.removeProperty(KEPT);
        }
    }
}
