package org.pacsbridge.ops.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How every Kafka client of the node reaches the cluster: the Camel routes' producers and
 * consumers, the health check and the node's own admin clients share these settings.
 * Environment variables map as Quarkus does: {@code kafka.sasl.jaas.config} ↔
 * {@code KAFKA_SASL_JAAS_CONFIG}.
 */
@ApplicationScoped
public class KafkaClientSettings {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kafka.security.protocol", defaultValue = "PLAINTEXT")
    String securityProtocol;

    @ConfigProperty(name = "kafka.sasl.mechanism")
    Optional<String> saslMechanism;

    @ConfigProperty(name = "kafka.sasl.jaas.config")
    Optional<String> saslJaasConfig;

    @ConfigProperty(name = "kafka.ssl.truststore.location")
    Optional<String> truststoreLocation;

    @ConfigProperty(name = "kafka.ssl.truststore.password")
    Optional<String> truststorePassword;

    @ConfigProperty(name = "kafka.ssl.truststore.type")
    Optional<String> truststoreType;

    @ConfigProperty(name = "kafka.ssl.keystore.location")
    Optional<String> keystoreLocation;

    @ConfigProperty(name = "kafka.ssl.keystore.password")
    Optional<String> keystorePassword;

    @ConfigProperty(name = "kafka.ssl.keystore.type")
    Optional<String> keystoreType;

    @ConfigProperty(name = "kafka.ssl.key.password")
    Optional<String> keyPassword;

    @ConfigProperty(name = "pacs.kafka.health-timeout", defaultValue = "3s")
    Duration healthTimeout;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String securityProtocol() {
        return securityProtocol;
    }

    public Optional<String> saslMechanism() {
        return saslMechanism;
    }

    public Optional<String> saslJaasConfig() {
        return saslJaasConfig;
    }

    public Optional<String> truststoreLocation() {
        return truststoreLocation;
    }

    public Optional<String> truststorePassword() {
        return truststorePassword;
    }

    public Optional<String> truststoreType() {
        return truststoreType;
    }

    public Optional<String> keystoreLocation() {
        return keystoreLocation;
    }

    public Optional<String> keystorePassword() {
        return keystorePassword;
    }

    public Optional<String> keystoreType() {
        return keystoreType;
    }

    public Optional<String> keyPassword() {
        return keyPassword;
    }

    public int healthTimeoutMs() {
        return (int) healthTimeout.toMillis();
    }

    /** Connection and security properties in the Kafka clients' own names. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        saslMechanism.ifPresent(v -> props.put(SaslConfigs.SASL_MECHANISM, v));
        saslJaasConfig.ifPresent(v -> props.put(SaslConfigs.SASL_JAAS_CONFIG, v));
        truststoreLocation.ifPresent(v -> props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, v));
        truststorePassword.ifPresent(v -> props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, v));
        truststoreType.ifPresent(v -> props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, v));
        keystoreLocation.ifPresent(v -> props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, v));
        keystorePassword.ifPresent(v -> props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, v));
        keystoreType.ifPresent(v -> props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, v));
        keyPassword.ifPresent(v -> props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, v));
        return props;
    }
}
