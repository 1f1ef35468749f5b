package org.pacsbridge.camel.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.apache.camel.support.jsse.CipherSuitesParameters;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.pacsbridge.tls.TlsCipherSuites;

/**
 * TLS for a connection the node opens ({@code sslContextParameters} of an mllp: producer): the peer's
 * certificate checked against a trust store (or the JDK's CAs) <em>and</em> against the host name connected
 * to, TLS 1.3/1.2 with the BCP 195 cipher suites, and the node's own certificate when a key store is given.
 *
 * <p>Camel's parameters alone check the chain but not the name: a socket made from their factory accepts any
 * certificate the trust store vouches for, whoever it was issued to. Here each socket gets the endpoint
 * identification that HTTPS clients use (RFC 2818 / RFC 6125 name matching, IP addresses against IP SANs).
 */
public final class TlsClientContextParameters {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsClientContextParameters() {
    }

    /**
     * @param prefix the settings' prefix, named in errors
     * @throws IllegalStateException when a store is named but cannot be read, or a key store has no password
     */
    public static SSLContextParameters of(String prefix, Store trust, Store key) {
        SSLContextParameters parameters = new HostCheckingParameters();
        if (trust != null) {
            TrustManagersParameters trustManagers = new TrustManagersParameters();
            trustManagers.setKeyStore(trust.parameters(prefix + ".trust-store", false));
            parameters.setTrustManagers(trustManagers);
        }
        if (key != null) {
            KeyManagersParameters keyManagers = new KeyManagersParameters();
            keyManagers.setKeyStore(key.parameters(prefix + ".key-store", true));
            keyManagers.setKeyPassword(key.password());
            parameters.setKeyManagers(keyManagers);
        }
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(PROTOCOLS);
        parameters.setSecureSocketProtocols(protocols);
        CipherSuitesParameters suites = new CipherSuitesParameters();
        suites.setCipherSuite(Arrays.asList(TlsCipherSuites.recommended(supportedSuites())));
        parameters.setCipherSuites(suites);
        return parameters;
    }

    /** A key or trust store file with its type and password (a trust store may have none). */
    public record Store(String path, String type, String password) {

        KeyStoreParameters parameters(String setting, boolean passwordRequired) {
            Path file = Path.of(path.strip());
            if (!Files.isReadable(file)) {
                throw new IllegalStateException(setting + " " + file + " cannot be read");
            }
            if (passwordRequired && (password == null || password.isEmpty())) {
                throw new IllegalStateException(setting + " needs " + setting + "-password");
            }
            KeyStoreParameters store = new KeyStoreParameters();
            store.setResource("file:" + file.toAbsolutePath());
            store.setType(type);
            store.setPassword(password);
            return store;
        }
    }

    private static String[] supportedSuites() {
        try {
            return SSLContext.getDefault().getSocketFactory().getSupportedCipherSuites();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }

    /** Adds host name verification to every client socket Camel's factory makes. */
    private static final class HostCheckingParameters extends SSLContextParameters {

        @Override
        protected List<Configurer<SSLSocket>> getSSLSocketFactorySSLSocketConfigurers(SSLContext context) {
            List<Configurer<SSLSocket>> configurers = new ArrayList<>(super.getSSLSocketFactorySSLSocketConfigurers(context));
            configurers.add(socket -> {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                return socket;
            });
            return configurers;
        }
    }
}
