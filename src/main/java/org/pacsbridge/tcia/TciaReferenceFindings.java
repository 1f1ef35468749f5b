package org.pacsbridge.tcia;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.pacsbridge.xraydar.CvFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The steps of {@code direct:tcia-reference-image} around the CV call: whether the image is a chest
 * radiograph X-Raydar can read, and turning the CV findings event into a reference one — a
 * {@code reference} block naming the TCIA series, keyed by its Series Instance UID.
 */
@ApplicationScoped
@Named("tciaReferenceFindings")
public class TciaReferenceFindings {

    /** Exchange properties (not copied to Kafka) naming the catalogue series the image belongs to. */
    public static final String SERIES_PROPERTY = "pacs.tcia.seriesInstanceUid";
    public static final String COLLECTION_PROPERTY = "pacs.tcia.collection";
    /** Kafka header on reference findings. */
    public static final String REFERENCE_HEADER = "pacs.reference";
    static final String SOURCE = "reference";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CvFilter cvFilter;

    public boolean isChestRadiograph(Message message) {
        return cvFilter.acceptFor(message, SOURCE);
    }

    /** After {@code cvEnrichment}: marks the event as reference and keys it by the TCIA series. */
    public void mark(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String series = exchange.getProperty(SERIES_PROPERTY, String.class);
        ObjectNode event = (ObjectNode) JSON.readTree(message.getBody(String.class));
        ObjectNode reference = event.putObject("reference");
        reference.put("archive", "tcia");
        String collection = exchange.getProperty(COLLECTION_PROPERTY, String.class);
        if (collection != null) {
            reference.put("collection", collection);
        }
        reference.put("seriesInstanceUid", series);
        message.setBody(event.toString());
        message.setHeader(KafkaConstants.KEY, series);
        message.setHeader(REFERENCE_HEADER, "tcia");
    }
}
