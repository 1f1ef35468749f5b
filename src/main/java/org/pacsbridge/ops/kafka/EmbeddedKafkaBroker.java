package org.pacsbridge.ops.kafka;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;
import org.pacsbridge.home.NodeHome;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the demo profile's own Kafka broker next to the node. Production never enables it
 * ({@code pacs.kafka.embedded.enabled=false}) and its artifact does not carry the broker's jars.
 */
@ApplicationScoped
public class EmbeddedKafkaBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafkaBroker.class);

    @Inject
    KafkaConfig kafka;

    @Inject
    CamelContext camelContext;

    private KafkaBrokerProcess broker;

    void onStart(@Observes @Priority(1) StartupEvent event) throws Exception {
        KafkaConfig.Embedded embedded = kafka.embedded();
        if (!embedded.enabled()) {
            return;
        }
        broker = new KafkaBrokerProcess(NodeHome.resolve(embedded.libDir()), NodeHome.resolve(embedded.dataDir()),
                embedded.host(), embedded.port(), embedded.controllerPort(), Duration.ofSeconds(60));
        try {
            broker.start();
        } catch (Exception e) {
            LOG.errorf("The embedded Kafka broker could not start: %s", e.getMessage());
            throw e;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (broker == null) {
            return;
        }
        // The routes' Kafka clients go first, so they do not spend the shutdown retrying a broker
        // that has already left.
        try {
            camelContext.stop();
        } catch (RuntimeException e) {
            LOG.warnf("Stopping the Camel context before the embedded broker failed: %s", e.getMessage());
        }
        broker.close();
    }
}
