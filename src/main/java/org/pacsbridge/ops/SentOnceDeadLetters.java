package org.pacsbridge.ops;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;
import org.pacsbridge.dicom.net.LogSafe;
import org.pacsbridge.ops.kafka.SentOncePublisher;

/**
 * Publishes a dead letter whose input has a sent-once mark (header {@value DeadLetterHeaders#SENT_ONCE_MARK})
 * together with the mark "dead-lettered", in one Kafka transaction. A dead letter that comes too
 * late — its input has an event — is dropped, and so is the object it kept in failed/.
 */
@ApplicationScoped
@Named("sentOnceDeadLetters")
public class SentOnceDeadLetters {

    /** Exchange property set when the dead letter was not published (its input has its outcome). */
    public static final String DROPPED = "PacsDeadLetterDropped";
    private static final Logger LOG = Logger.getLogger(SentOnceDeadLetters.class);

    @Inject
    SentOncePublisher publisher;

    @Inject
    FailedDicomObjects failedObjects;

    public void publish(Exchange exchange, String topic) throws IOException {
        String mark = exchange.getMessage().getHeader(DeadLetterHeaders.SENT_ONCE_MARK, String.class);
        boolean published;
        try {
            published = publisher.deadLetter(exchange, topic, mark);
        } catch (RuntimeException e) {
            // a commit of unknown outcome may still make this dead letter visible: keep its object
            if (!publisher.commitPending()) {
                failedObjects.discard(exchange);
            }
            throw e;
        }
        if (!published) {
            exchange.setProperty(DROPPED, Boolean.TRUE);
            failedObjects.discard(exchange);
            LOG.infof("Dead letter for %s not published: its input has its findings event, or this dead letter is out",
                    LogSafe.text(mark));
        }
    }
}
