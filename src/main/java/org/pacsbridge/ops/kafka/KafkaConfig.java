package org.pacsbridge.ops.kafka;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The node's Kafka settings ({@code pacs.kafka.*}), shared by every client of the node; defaults in
 * config/application.properties. The cluster itself is Quarkus' {@code kafka.bootstrap.servers}.
 */
@ConfigMapping(prefix = "pacs.kafka")
public interface KafkaConfig {

    /** {@code PLAINTEXT}, {@code SSL}, {@code SASL_SSL} or {@code SASL_PLAINTEXT}. */
    String securityProtocol();

    Sasl sasl();

    Ssl ssl();

    /** How long the readiness check waits for the cluster. */
    Duration healthTimeout();

    /**
     * How long the group coordinator waits for a silent consumer of a route ({@code kafka:} endpoints)
     * before it gives that consumer's partitions to another: a killed replica's reports move on after this.
     */
    Duration consumerSessionTimeout();

    String transactionalIdPrefix();

    int minReplicationFactor();

    int minInsyncReplicas();

    boolean createTopics();

    int topicPartitions();

    /** How many findings publications (each with its sent-once mark) one Kafka transaction takes at most. */
    int publishBatchMax();

    Embedded embedded();

    /** {@code pacs.kafka.sasl.*}. */
    interface Sasl {
        String mechanism();

        Optional<String> username();

        /** Secret. */
        Optional<String> password();
    }

    /** {@code pacs.kafka.ssl.*}. */
    interface Ssl {
        Optional<String> truststoreLocation();

        String truststoreType();

        /** Secret. */
        Optional<String> truststorePassword();

        Optional<String> keystoreLocation();

        String keystoreType();

        /** Secret. */
        Optional<String> keystorePassword();

        /** Secret. */
        Optional<String> keyPassword();

        boolean endpointIdentification();
    }

    /** {@code pacs.kafka.embedded.*}: the demo profile's own broker. */
    interface Embedded {
        boolean enabled();

        @WithDefault("localhost")
        String host();

        int port();

        int controllerPort();

        String libDir();

        String dataDir();
    }
}
