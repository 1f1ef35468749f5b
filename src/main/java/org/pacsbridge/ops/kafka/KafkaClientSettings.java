package org.pacsbridge.ops.kafka;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How every Kafka client of the node reaches the cluster: the Camel routes' {@code kafka:}
 * endpoints ({@link KafkaComponentProducer}), the node's own producers, consumers and admin
 * clients, the readiness check and the study correlation's Kafka Streams all take their
 * connection and security properties from {@link #clientProperties()}.
 *
 * <p>Passwords are read from the environment ({@code PACS_KAFKA_SASL_PASSWORD},
 * {@code PACS_KAFKA_SSL_TRUSTSTORE_PASSWORD}, {@code PACS_KAFKA_SSL_KEYSTORE_PASSWORD},
 * {@code PACS_KAFKA_SSL_KEY_PASSWORD}); {@link KafkaSecurity} turns the settings into the
 * clients' own names.
 */
@ApplicationScoped
public class KafkaClientSettings {

    /** Quarkus' own key, read by its Kafka extensions too: not a {@code pacs.*} setting. */
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    KafkaConfig config;

    private volatile KafkaSecurity security;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** How many publications one sent-once transaction takes at most. */
    public int publishBatchMax() {
        return config.publishBatchMax();
    }

    public int healthTimeoutMs() {
        return (int) config.healthTimeout().toMillis();
    }

    public int consumerSessionTimeoutMs() {
        return (int) config.consumerSessionTimeout().toMillis();
    }

    /** The security settings, checked once (a missing password or store is named, never a value). */
    public KafkaSecurity security() {
        KafkaSecurity current = security;
        if (current == null) {
            KafkaConfig.Sasl sasl = config.sasl();
            KafkaConfig.Ssl ssl = config.ssl();
            current = new KafkaSecurity(config.securityProtocol(), sasl.mechanism(), sasl.username(), sasl.password(),
                    ssl.truststoreLocation(), ssl.truststoreType(), ssl.truststorePassword(),
                    ssl.keystoreLocation(), ssl.keystoreType(), ssl.keystorePassword(), ssl.keyPassword(),
                    ssl.endpointIdentification());
            security = current;
        }
        return current;
    }

    /** Connection and security properties in the Kafka clients' own names. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(security().clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
