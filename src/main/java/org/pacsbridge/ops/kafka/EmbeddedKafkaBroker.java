package org.pacsbridge.ops.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.BeforeInitialize;
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

    // looked up only at shutdown: this bean exists before the Camel context is started
    @Inject
    Instance<CamelContext> camelContext;

    private KafkaBrokerProcess broker;
    private CompletableFuture<Void> starting;

    void beginStart(@Observes BeforeInitialize camelMainStarting) {
        KafkaConfig.Embedded embedded = kafka.embedded();
        if (!embedded.enabled()) {
            return;
        }
        broker = new KafkaBrokerProcess(NodeHome.resolve(embedded.libDir()), NodeHome.resolve(embedded.dataDir()),
                embedded.host(), embedded.port(), embedded.controllerPort(), Duration.ofSeconds(60));
        starting = new CompletableFuture<>();
        Thread starter = new Thread(this::startBroker, "embedded-kafka-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startBroker() {
        try {
            broker.start();
            starting.complete(null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            starting.completeExceptionally(e);
        }
    }

    void onStart(@Observes @Priority(1) StartupEvent event) throws Exception {
        if (starting == null) {
            return;
        }
        try {
            starting.join();
        } catch (CompletionException e) {
            LOG.errorf("The embedded Kafka broker could not start: %s", e.getCause().getMessage());
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (broker == null) {
            return;
        }
        // The routes' Kafka clients go first, so they do not spend the shutdown retrying a broker
        // that has already left.
        try {
            camelContext.get().stop();
        } catch (RuntimeException e) {
            LOG.warnf("Stopping the Camel context before the embedded broker failed: %s", e.getMessage());
        }
        broker.close();
    }
}
