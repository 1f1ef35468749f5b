package org.pacsbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.pacsbridge.ops.kafka.KafkaBrokerProcess;

/**
 * A real single-node KRaft broker whose only advertised client listener is secured: {@code SASL_SSL}
 * (SCRAM-SHA-512, with one user created when the storage is formatted) or {@code SSL}; TLS with a
 * self-signed certificate for {@code localhost} made for the run ({@link TlsCertificates}). One
 * broker per protocol and test JVM, stopped when the JVM exits.
 */
public final class SecureKafkaBroker {

    public static final String USER = "pacs-bridge";

    private static final Map<String, SecureKafkaBroker> STARTED = new HashMap<>();

    public final String protocol;
    public final String bootstrapServers;
    public final Path trustStore;
    public final String trustStorePassword = TlsCertificates.PASSWORD;
    /** The SCRAM user's password (SASL only). */
    public final String password;
    private final KafkaBrokerProcess process;

    private SecureKafkaBroker(String protocol, Path dir, String password) throws IOException, InterruptedException {
        this.protocol = protocol;
        this.password = password;
        TlsCertificates certificates = TlsCertificates.create(Files.createDirectories(dir.resolve("tls")));
        trustStore = certificates.serverTrustStore(dir.resolve("tls").resolve("kafka-trust.p12"));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("listener.name.client.ssl.keystore.location", certificates.serverKeyStore.toString());
        properties.put("listener.name.client.ssl.keystore.type", "PKCS12");
        properties.put("listener.name.client.ssl.keystore.password", TlsCertificates.PASSWORD);
        properties.put("listener.name.client.ssl.key.password", TlsCertificates.PASSWORD);
        List<String> format = List.of();
        if (protocol.startsWith("SASL")) {
            properties.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            properties.put("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
            properties.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            format = List.of("--add-scram", "SCRAM-SHA-512=[name=" + USER + ",password=" + password + "]");
        }
        process = new KafkaBrokerProcess(KafkaBrokerResource.libDir(), dir.resolve("data"), "localhost",
                KafkaBrokerResource.freePort(), KafkaBrokerResource.freePort(), Duration.ofSeconds(90),
                new SecureListeners(protocol, KafkaBrokerResource.freePort(), properties, format));
        process.start();
        bootstrapServers = process.bootstrapServers();
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, "secure-kafka-broker-stop"));
    }

    /** The broker for {@code SASL_SSL} or {@code SSL}, started on first use. */
    public static synchronized SecureKafkaBroker get(String protocol) {
        return STARTED.computeIfAbsent(protocol, p -> {
            try {
                return new SecureKafkaBroker(p, Files.createTempDirectory("pacs-test-kafka-" + p.toLowerCase()),
                        "scram" + UUID.randomUUID().toString().replace("-", ""));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The node's settings for this broker, with the given SASL password (the right one or not). */
    public Map<String, String> nodeSettings(String saslPassword) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("pacs.kafka.security-protocol", protocol);
        settings.put("pacs.kafka.ssl.truststore-location", trustStore.toString());
        settings.put("pacs.kafka.ssl.truststore-password", trustStorePassword);
        if (protocol.startsWith("SASL")) {
            settings.put("pacs.kafka.sasl.mechanism", "SCRAM-SHA-512");
            settings.put("pacs.kafka.sasl.username", USER);
            settings.put("pacs.kafka.sasl.password", saslPassword);
        }
        return settings;
    }

    /** Properties of a downstream client that connects with the right credentials. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("security.protocol", protocol);
        props.put("ssl.truststore.location", trustStore.toString());
        props.put("ssl.truststore.type", "PKCS12");
        props.put("ssl.truststore.password", trustStorePassword);
        if (protocol.startsWith("SASL")) {
            props.put("sasl.mechanism", "SCRAM-SHA-512");
            props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + USER + "\" password=\"" + password + "\";");
        }
        return props;
    }
}
