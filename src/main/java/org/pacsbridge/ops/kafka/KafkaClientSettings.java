package org.pacsbridge.ops.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

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

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "pacs.kafka.security-protocol", defaultValue = "PLAINTEXT")
    String securityProtocol;

    @ConfigProperty(name = "pacs.kafka.sasl.mechanism", defaultValue = "SCRAM-SHA-512")
    String saslMechanism;

    @ConfigProperty(name = "pacs.kafka.sasl.username")
    Optional<String> saslUsername;

    @ConfigProperty(name = "pacs.kafka.sasl.password")
    Optional<String> saslPassword;

    @ConfigProperty(name = "pacs.kafka.ssl.truststore-location")
    Optional<String> truststoreLocation;

    @ConfigProperty(name = "pacs.kafka.ssl.truststore-type", defaultValue = "PKCS12")
    String truststoreType;

    @ConfigProperty(name = "pacs.kafka.ssl.truststore-password")
    Optional<String> truststorePassword;

    @ConfigProperty(name = "pacs.kafka.ssl.keystore-location")
    Optional<String> keystoreLocation;

    @ConfigProperty(name = "pacs.kafka.ssl.keystore-type", defaultValue = "PKCS12")
    String keystoreType;

    @ConfigProperty(name = "pacs.kafka.ssl.keystore-password")
    Optional<String> keystorePassword;

    @ConfigProperty(name = "pacs.kafka.ssl.key-password")
    Optional<String> keyPassword;

    @ConfigProperty(name = "pacs.kafka.ssl.endpoint-identification", defaultValue = "true")
    boolean endpointIdentification;

    @ConfigProperty(name = "pacs.kafka.health-timeout", defaultValue = "3s")
    Duration healthTimeout;

    private volatile KafkaSecurity security;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int healthTimeoutMs() {
        return (int) healthTimeout.toMillis();
    }

    /** The security settings, checked once (a missing password or store is named, never a value). */
    public KafkaSecurity security() {
        KafkaSecurity current = security;
        if (current == null) {
            current = new KafkaSecurity(securityProtocol, saslMechanism, saslUsername, saslPassword,
                    truststoreLocation, truststoreType, truststorePassword,
                    keystoreLocation, keystoreType, keystorePassword, keyPassword, endpointIdentification);
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
