package org.pacsbridge.ops.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;

/**
 * The {@code kafka:} component of the routes, set up for clinical data: a producer completes an
 * exchange only after every in-sync replica has the record ({@code acks=all}), and retries cannot
 * write a record twice (idempotent producer). Consumers commit offsets themselves, after the
 * outcome of a record is durable.
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
        conf.setSecurityProtocol(settings.securityProtocol());
        settings.saslMechanism().ifPresent(conf::setSaslMechanism);
        settings.saslJaasConfig().ifPresent(conf::setSaslJaasConfig);
        settings.truststoreLocation().ifPresent(conf::setSslTruststoreLocation);
        settings.truststorePassword().ifPresent(conf::setSslTruststorePassword);
        settings.truststoreType().ifPresent(conf::setSslTruststoreType);
        settings.keystoreLocation().ifPresent(conf::setSslKeystoreLocation);
        settings.keystorePassword().ifPresent(conf::setSslKeystorePassword);
        settings.keystoreType().ifPresent(conf::setSslKeystoreType);
        settings.keyPassword().ifPresent(conf::setSslKeyPassword);
        KafkaComponent component = new KafkaComponent();
        component.setConfiguration(conf);
        return component;
    }
}
