package org.pacsbridge.ops;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.jboss.logging.MDC;

/**
 * Puts the identifiers a log line may carry into the logging context (MDC) while a route works
 * on an exchange: the SOP Instance UID and accession number of an image, the MSH-10 of an HL7
 * message, the key (accession number) of a record from Kafka. Only these: identifiers, never
 * patient names, birth dates, report text or keys.
 */
@ApplicationScoped
public class CorrelationIdsInLog implements RoutePolicyFactory {

    public static final String SOP_INSTANCE_UID = "sopInstanceUid";
    public static final String ACCESSION_NUMBER = "accessionNumber";
    /** MSH-10; set by the report intake once it has read the header. */
    public static final String MESSAGE_CONTROL_ID = "messageControlId";
    public static final String KAFKA_KEY = "kafkaKey";

    /** MDC key → the exchange header it is read from when the exchange begins. */
    static final Map<String, String> FIELDS = Map.of(
            SOP_INSTANCE_UID, "CamelDicomSopInstanceUid",
            ACCESSION_NUMBER, "CamelDicomAccessionNumber",
            KAFKA_KEY, "kafka.KEY");

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new Policy();
    }

    private static final class Policy extends RoutePolicySupport {

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            FIELDS.forEach((mdcKey, header) -> {
                Object value = exchange.getMessage().getHeader(header);
                if (value != null) {
                    MDC.put(mdcKey, value.toString());
                }
            });
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            FIELDS.keySet().forEach(MDC::remove);
            MDC.remove(MESSAGE_CONTROL_ID);
        }
    }
}
