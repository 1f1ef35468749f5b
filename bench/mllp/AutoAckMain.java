import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Baseline for the MLLP benchmark: plain camel-mllp that answers every message with the ACK it
 * generates itself (autoAck) as soon as the message is read, and does nothing else - no parsing
 * beyond what camel-mllp does for the ACK, no Kafka, no logging per message. Listener options as in
 * routes/reports-mllp.yaml, so only the work behind the listener differs.
 *
 * <p>Usage: {@code java -cp <project runtime classpath>:<dir> AutoAckMain PORT}; runs until stopped.
 */
public final class AutoAckMain {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Main main = new Main();
        // No application.properties: the node's own configuration must not leak into the baseline.
        main.setDefaultPropertyPlaceholderLocation("false");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("mllp:127.0.0.1:" + port + "?autoAck=true&hl7Headers=false&validatePayload=false"
                        + "&stringPayload=true&reuseAddress=true&maxConcurrentConsumers=16&receiveTimeout=15000")
                        .routeId("auto-ack")
                        .process(exchange -> {
                            // nothing: the ACK is camel-mllp's own
                        });
            }
        });
        main.run();
    }
}
