package org.pacsbridge.ops.kafka;

import java.util.HashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;

/**
 * The {@code kafka:} component of the routes, set up for clinical data: a producer completes an
 * exchange only after every in-sync replica has the record ({@code acks=all}), and retries cannot
 * write a record twice (idempotent producer). Consumers commit offsets themselves, after the
 * outcome of a record is durable. Connection and security come from {@link KafkaClientSettings}.
 */
@ApplicationScoped
public class KafkaComponentProducer {

    @Produces
    @Named("kafka")
    @ApplicationScoped
    KafkaComponent kafka(KafkaClientSettings settings) {
        KafkaConfiguration conf = new KafkaConfiguration();
        conf.setBrokers(settings.bootstrapServers());
        conf.setRequestRequiredAcks("all");
        conf.setEnableIdempotence(true);
        conf.setMaxInFlightRequest(5);
        // a consumer route stops only after its current poll returns: Camel's 5 s default made every
        // orderly stop of the node wait 5 s per Kafka route; records still arrive as soon as there are any
        conf.setPollTimeoutMs(500L);
        conf.setSessionTimeoutMs(settings.consumerSessionTimeoutMs());
        // TLS and SASL exactly as every other client of the node has them; Camel applies these
        // last, over its own defaults.
        KafkaSecurity security = settings.security();
        conf.setSecurityProtocol(security.protocol());
        conf.setAdditionalProperties(new HashMap<>(security.clientProperties()));
        KafkaComponent component = new KafkaComponent();
        component.setConfiguration(conf);
        return component;
    }
}
