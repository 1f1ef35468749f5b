package org.pacsbridge.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** The security properties every Kafka client of the node gets, and what is refused. */
class KafkaSecurityTest {

    private static KafkaSecurity security(String protocol, String mechanism, String user, String password,
            String truststore, String keystore, String keystorePassword) {
        return new KafkaSecurity(protocol, mechanism, Optional.ofNullable(user), Optional.ofNullable(password),
                Optional.ofNullable(truststore), "PKCS12", Optional.of("trust-pw"), Optional.ofNullable(keystore),
                "PKCS12", Optional.ofNullable(keystorePassword), Optional.empty(), true);
    }

    @Test
    void plaintextCarriesNoTlsOrSasl() {
        Map<String, Object> props = security("PLAINTEXT", "SCRAM-SHA-512", "u", "p", "/t.p12", null, null)
                .clientProperties();
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), props);
    }

    @Test
    void saslSslHasTheTrustStoreAndAScramLogin() {
        Map<String, Object> props = security("sasl_ssl", "scram-sha-512", "pacs-bridge", "s3cr\"et\\x", "/t.p12",
                null, null).clientProperties();
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals("/t.p12", props.get("ssl.truststore.location"));
        assertEquals("trust-pw", props.get("ssl.truststore.password"));
        assertEquals("https", props.get("ssl.endpoint.identification.algorithm"));
        // Kafka's own parser reads back the user and the password with its quote and backslash
        var entries = JaasContext.loadClientContext(Map.of("sasl.jaas.config",
                new Password((String) props.get("sasl.jaas.config")))).configurationEntries();
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule", entries.get(0).getLoginModuleName());
        assertEquals("pacs-bridge", entries.get(0).getOptions().get("username"));
        assertEquals("s3cr\"et\\x", entries.get(0).getOptions().get("password"));
    }

    @Test
    void plainMechanismUsesThePlainLogin() {
        Map<String, Object> props = security("SASL_PLAINTEXT", "PLAIN", "u", "p", null, null, null).clientProperties();
        assertTrue(((String) props.get("sasl.jaas.config")).startsWith("org.apache.kafka.common.security.plain."));
        assertFalse(props.containsKey("ssl.truststore.location"), "no TLS on SASL_PLAINTEXT");
    }

    @Test
    void aClientCertificateNeedsItsPassword() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> security("SSL", "SCRAM-SHA-512", null, null, null, "/k.p12", null));
        assertTrue(e.getMessage().contains("PACS_KAFKA_SSL_KEYSTORE_PASSWORD"), e.getMessage());
        Map<String, Object> props = security("SSL", "SCRAM-SHA-512", null, null, null, "/k.p12", "key-pw")
                .clientProperties();
        assertEquals("key-pw", props.get("ssl.key.password"), "the key's password defaults to the store's");
    }

    @Test
    void refusalsNameTheSettingAndNeverAValue() {
        IllegalStateException noPassword = assertThrows(IllegalStateException.class,
                () -> security("SASL_SSL", "SCRAM-SHA-512", "u", " ", null, null, null));
        assertTrue(noPassword.getMessage().contains("PACS_KAFKA_SASL_PASSWORD"), noPassword.getMessage());
        IllegalStateException noUser = assertThrows(IllegalStateException.class,
                () -> security("SASL_SSL", "SCRAM-SHA-512", null, "p", null, null, null));
        assertTrue(noUser.getMessage().contains("pacs.kafka.sasl.username"), noUser.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> security("SASL_SSL", "GSSAPI", "u", "p", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> security("TLS", "PLAIN", "u", "p", null, null, null));
        String text = security("SASL_SSL", "SCRAM-SHA-512", "u", "very-secret", null, null, null).toString();
        assertFalse(text.contains("very-secret"), text);
    }
}
