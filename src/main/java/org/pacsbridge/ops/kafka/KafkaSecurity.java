package org.pacsbridge.ops.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The security part of the Kafka client configuration (TLS, SASL), checked when it is made: an
 * unknown protocol or mechanism, or a SASL protocol without user or password, is refused with
 * the name of the setting that is missing. The SASL login is built here from user and password
 * ({@code ScramLoginModule} or {@code PlainLoginModule}); no value of a password ever appears in
 * a message or in {@link #toString()}.
 */
public final class KafkaSecurity {

    static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    private final SecurityProtocol protocol;
    private final Map<String, Object> properties;

    public KafkaSecurity(String protocol, String saslMechanism, Optional<String> saslUsername,
            Optional<String> saslPassword, Optional<String> truststoreLocation, String truststoreType,
            Optional<String> truststorePassword, Optional<String> keystoreLocation, String keystoreType,
            Optional<String> keystorePassword, Optional<String> keyPassword, boolean endpointIdentification) {
        this.protocol = protocol(protocol);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", this.protocol.name);
        if (usesTls()) {
            truststoreLocation.filter(s -> !s.isBlank()).ifPresent(location -> {
                props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, location);
                props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststoreType);
                nonBlank(truststorePassword).ifPresent(p -> props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, p));
            });
            keystoreLocation.filter(s -> !s.isBlank()).ifPresent(location -> {
                props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, location);
                props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystoreType);
                props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, nonBlank(keystorePassword).orElseThrow(
                        () -> missing("pacs.kafka.ssl.keystore-password", "PACS_KAFKA_SSL_KEYSTORE_PASSWORD",
                                "a client key store is set")));
                nonBlank(keyPassword).or(() -> nonBlank(keystorePassword))
                        .ifPresent(p -> props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, p));
            });
            props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, endpointIdentification ? "https" : "");
        }
        if (usesSasl()) {
            String mechanism = saslMechanism.trim().toUpperCase(Locale.ROOT);
            if (!MECHANISMS.contains(mechanism)) {
                throw new IllegalArgumentException("pacs.kafka.sasl.mechanism must be one of "
                        + String.join(", ", MECHANISMS.stream().sorted().toList()) + ", not " + saslMechanism);
            }
            String user = nonBlank(saslUsername).orElseThrow(() -> missing("pacs.kafka.sasl.username",
                    "PACS_KAFKA_SASL_USERNAME", "the security protocol is " + this.protocol.name));
            String password = nonBlank(saslPassword).orElseThrow(() -> missing("pacs.kafka.sasl.password",
                    "PACS_KAFKA_SASL_PASSWORD", "the security protocol is " + this.protocol.name));
            props.put(SaslConfigs.SASL_MECHANISM, mechanism);
            props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(mechanism, user, password));
        }
        this.properties = Collections.unmodifiableMap(props);
    }

    /** Security properties in the Kafka clients' names ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}). */
    public Map<String, Object> clientProperties() {
        return properties;
    }

    public String protocol() {
        return protocol.name;
    }

    public boolean usesTls() {
        return protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
    }

    public boolean usesSasl() {
        return protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SASL_PLAINTEXT;
    }

    /** The login module line for {@code sasl.jaas.config}; user and password quoted. */
    static String jaasConfig(String mechanism, String user, String password) {
        String module = mechanism.startsWith("SCRAM-")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        return module + " required username=" + quoted(user) + " password=" + quoted(password) + ";";
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static SecurityProtocol protocol(String value) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return SecurityProtocol.forName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "pacs.kafka.security-protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, not " + value);
        }
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(s -> !s.isBlank());
    }

    private static IllegalStateException missing(String property, String environment, String because) {
        return new IllegalStateException(property + " is not set (environment variable " + environment
                + "), but " + because);
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + protocol.name + (usesSasl() ? ", " + properties.get(SaslConfigs.SASL_MECHANISM) : "")
                + (properties.containsKey(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG) ? ", client certificate" : "") + "]";
    }
}
