package org.pacsbridge.camel.tls;

import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import javax.net.ssl.SSLContext;

import org.apache.camel.support.jsse.CipherSuitesParameters;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.pacsbridge.tls.TlsCipherSuites;
import org.pacsbridge.tls.TlsServerConfig;

/**
 * A TLS listener's settings as Camel takes them ({@code sslContextParameters} of the mllp: and dicom: endpoints):
 * the key and trust stores, the client certificate policy, the protocols, and the BCP 195 cipher suites.
 */
public final class TlsContextParameters {

    private TlsContextParameters() {
    }

    public static SSLContextParameters of(TlsServerConfig tls) {
        char[] keyPassword = tls.keyStorePassword();
        KeyStoreParameters keys = new KeyStoreParameters();
        keys.setResource("file:" + tls.keyStore().toAbsolutePath());
        keys.setType(tls.keyStoreType());
        keys.setPassword(new String(keyPassword));
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keys);
        keyManagers.setKeyPassword(new String(keyPassword));
        Arrays.fill(keyPassword, '\0');

        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        if (tls.trustStore() != null) {
            char[] trustPassword = tls.trustStorePassword();
            KeyStoreParameters trusted = new KeyStoreParameters();
            trusted.setResource("file:" + tls.trustStore().toAbsolutePath());
            trusted.setType(tls.trustStoreType());
            trusted.setPassword(new String(trustPassword));
            Arrays.fill(trustPassword, '\0');
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
        suites.setCipherSuite(Arrays.asList(TlsCipherSuites.recommended(supportedSuites())));
        parameters.setCipherSuites(suites);
        return parameters;
    }

    private static String[] supportedSuites() {
        try {
            return SSLContext.getDefault().getServerSocketFactory().getSupportedCipherSuites();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }
}
