package org.pacsbridge.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.support.jsse.CipherSuitesParameters;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pacsbridge.tls.TlsCipherSuites;
import org.pacsbridge.tls.TlsServerConfig;

/**
 * The TLS of the MLLP listener's second port ({@code pacs.mllp.tls.*}), as camel-mllp takes it: its endpoint
 * option {@code sslContextParameters} ({@code #mllpTlsParameters} in routes/reports-mllp.yaml). The settings are
 * checked by the same {@link TlsServerConfig} as DICOM TLS (TLS 1.3/1.2 only) and get the same BCP 195 cipher
 * suites. While the listener is off the bean is empty and never used.
 */
@ApplicationScoped
public class MllpTlsParameters {

    @ConfigProperty(name = "pacs.mllp.tls.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "pacs.mllp.tls.key-store")
    Optional<String> keyStore;

    @ConfigProperty(name = "pacs.mllp.tls.key-store-type", defaultValue = "PKCS12")
    String keyStoreType;

    @ConfigProperty(name = "pacs.mllp.tls.key-store-password")
    Optional<String> keyStorePassword;

    @ConfigProperty(name = "pacs.mllp.tls.trust-store")
    Optional<String> trustStore;

    @ConfigProperty(name = "pacs.mllp.tls.trust-store-type", defaultValue = "PKCS12")
    String trustStoreType;

    @ConfigProperty(name = "pacs.mllp.tls.trust-store-password")
    Optional<String> trustStorePassword;

    @ConfigProperty(name = "pacs.mllp.tls.client-auth", defaultValue = "NONE")
    String clientAuth;

    @ConfigProperty(name = "pacs.mllp.tls.protocols", defaultValue = "TLSv1.3,TLSv1.2")
    List<String> protocols;

    @Produces
    @Singleton
    @Named("mllpTlsParameters")
    SSLContextParameters mllpTlsParameters() throws NoSuchAlgorithmException {
        if (!enabled) {
            return new SSLContextParameters();
        }
        return of(config(), keyStorePassword.orElse(""), trustStorePassword.orElse(""));
    }

    /** The checked settings; fails (and so stops the node from starting) when they are incomplete or unsafe. */
    TlsServerConfig config() {
        String store = keyStore.map(String::strip).orElse("");
        if (store.isEmpty()) {
            throw new IllegalStateException("pacs.mllp.tls.enabled needs pacs.mllp.tls.key-store");
        }
        if (!Files.isReadable(Path.of(store))) {
            throw new IllegalStateException("MLLP TLS key store " + store + " cannot be read");
        }
        Path trust = trustStore.map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).orElse(null);
        return new TlsServerConfig(Path.of(store), keyStoreType, null, trust, trustStoreType, null,
                TlsServerConfig.ClientAuth.valueOf(clientAuth.strip().toUpperCase(Locale.ROOT)),
                protocols.stream().map(String::strip).filter(p -> !p.isEmpty()).distinct().toList());
    }

    /** Camel's parameters for {@code tls}, with the passwords given apart (Camel keeps them as strings). */
    static SSLContextParameters of(TlsServerConfig tls, String keyStorePassword, String trustStorePassword)
            throws NoSuchAlgorithmException {
        KeyStoreParameters keys = new KeyStoreParameters();
        keys.setResource("file:" + tls.keyStore().toAbsolutePath());
        keys.setType(tls.keyStoreType());
        keys.setPassword(keyStorePassword);
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keys);
        keyManagers.setKeyPassword(keyStorePassword);

        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        if (tls.trustStore() != null) {
            KeyStoreParameters trusted = new KeyStoreParameters();
            trusted.setResource("file:" + tls.trustStore().toAbsolutePath());
            trusted.setType(tls.trustStoreType());
            trusted.setPassword(trustStorePassword);
            TrustManagersParameters trustManagers = new TrustManagersParameters();
            trustManagers.setKeyStore(trusted);
            parameters.setTrustManagers(trustManagers);
        }
        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(switch (tls.clientAuth()) {
            case NEED -> "REQUIRE";
            case WANT -> "WANT";
            case NONE -> "NONE";
        });
        parameters.setServerParameters(server);
        SecureSocketProtocolsParameters enabledProtocols = new SecureSocketProtocolsParameters();
        enabledProtocols.setSecureSocketProtocol(tls.protocols());
        parameters.setSecureSocketProtocols(enabledProtocols);
        CipherSuitesParameters suites = new CipherSuitesParameters();
        String[] supported = SSLContext.getDefault().getServerSocketFactory().getSupportedCipherSuites();
        suites.setCipherSuite(Arrays.asList(TlsCipherSuites.recommended(supported)));
        parameters.setCipherSuites(suites);
        return parameters;
    }
}
