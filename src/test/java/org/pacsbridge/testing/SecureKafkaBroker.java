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
 *
 * <p>Quarkus loads test classes once per application start, each time in a class loader of its own: the broker's
 * directory and address are kept in system properties, its SCRAM password in a file of that directory (not in a
 * system property: SecretsNotExposedTest looks for it in what Jolokia shows of the JVM).
 */
public final class SecureKafkaBroker {

    public static final String USER = "pacs-bridge";

    private static final String LOCK = "org.pacsbridge.testing.SecureKafkaBroker";

    public final String protocol;
    public final String bootstrapServers;
    public final Path trustStore;
    public final String trustStorePassword = TlsCertificates.PASSWORD;
    /** The SCRAM user's password (SASL only). */
    public final String password;

    private SecureKafkaBroker(String protocol, Path dir, String bootstrapServers) throws IOException {
        this.protocol = protocol;
        this.bootstrapServers = bootstrapServers;
        this.trustStore = trustStore(dir);
        this.password = Files.readString(passwordFile(dir));
    }

    /** The broker for {@code SASL_SSL} or {@code SSL}, started on first use. */
    public static SecureKafkaBroker get(String protocol) {
        String dirKey = "pacs.test.kafka." + protocol.toLowerCase() + ".dir";
        String bootstrapKey = "pacs.test.kafka." + protocol.toLowerCase() + ".bootstrap-servers";
        try {
            synchronized (LOCK) {
                if (System.getProperty(dirKey) == null) {
                    Path dir = Files.createTempDirectory("pacs-test-kafka-" + protocol.toLowerCase());
                    String bootstrapServers = start(protocol, dir,
                            "scram" + UUID.randomUUID().toString().replace("-", ""));
                    System.setProperty(dirKey, dir.toString());
                    System.setProperty(bootstrapKey, bootstrapServers);
                }
                return new SecureKafkaBroker(protocol, Path.of(System.getProperty(dirKey)),
                        System.getProperty(bootstrapKey));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the broker; returns its bootstrap servers. */
    private static String start(String protocol, Path dir, String password) throws IOException, InterruptedException {
        Files.writeString(passwordFile(dir), password);
        TlsCertificates certificates = TlsCertificates.create(Files.createDirectories(dir.resolve("tls")));
        certificates.serverTrustStore(trustStore(dir));
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
        Path dataDir = dir.resolve("data");
        KafkaBrokerProcess process = new KafkaBrokerProcess(KafkaBrokerResource.libDir(), dataDir, "localhost",
                FreePorts.claim(), FreePorts.claim(), Duration.ofSeconds(90),
                new SecureListeners(protocol, FreePorts.claim(), properties, format));
        process.start();
        Runtime.getRuntime().addShutdownHook(new BrokerStopper(dataDir.resolve("broker.pid")));
        return process.bootstrapServers();
    }

    private static Path trustStore(Path dir) {
        return dir.resolve("tls").resolve("kafka-trust.p12");
    }

    private static Path passwordFile(Path dir) {
        return dir.resolve("scram-password");
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
