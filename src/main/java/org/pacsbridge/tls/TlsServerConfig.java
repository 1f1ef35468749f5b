package org.pacsbridge.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TLS of one of the node's listeners (DICOM PS3.15 Annex B, MLLP; BCP 195 profile): the server's key store, an
 * optional trust store for client certificates, whether clients must present one, and the protocol versions.
 * Only TLSv1.3 and TLSv1.2 are accepted as protocols; cipher suites are {@link TlsCipherSuites}.
 *
 * @param keyStore           key store with the server's private key and certificate chain
 * @param keyStoreType       key store type, e.g. PKCS12
 * @param keyStorePassword   key store (and key) password
 * @param trustStore         certificates trusted for client authentication; null = the JDK's default trust
 * @param trustStoreType     trust store type, e.g. PKCS12
 * @param trustStorePassword trust store password (may be empty)
 * @param clientAuth         whether a client certificate is requested or required
 * @param protocols          enabled protocols, in preference order
 */
public record TlsServerConfig(Path keyStore, String keyStoreType, char[] keyStorePassword, Path trustStore,
        String trustStoreType, char[] trustStorePassword, ClientAuth clientAuth, List<String> protocols) {

    /** The protocols allowed by BCP 195. */
    public static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");
    /** Default protocols. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Client certificate policy. */
    public enum ClientAuth {
        /** No client certificate is requested. */
        NONE,
        /** A client certificate is requested; connections without one are accepted. */
        WANT,
        /** A trusted client certificate is required; the handshake fails without one. */
        NEED
    }

    public TlsServerConfig {
        Objects.requireNonNull(keyStore, "keyStore");
        keyStoreType = keyStoreType == null || keyStoreType.isBlank() ? "PKCS12" : keyStoreType.strip();
        keyStorePassword = keyStorePassword == null ? new char[0] : keyStorePassword.clone();
        trustStoreType = trustStoreType == null || trustStoreType.isBlank() ? "PKCS12" : trustStoreType.strip();
        trustStorePassword = trustStorePassword == null ? new char[0] : trustStorePassword.clone();
        clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
        protocols = protocols == null || protocols.isEmpty() ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
        for (String p : protocols) {
            if (!ALLOWED_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("TLS protocol " + p + " is not allowed; use TLSv1.3 and/or TLSv1.2");
            }
        }
    }

    /** A configuration with a PKCS12 key store, no client authentication and the default protocols. */
    public static TlsServerConfig of(Path keyStore, char[] keyStorePassword) {
        return new TlsServerConfig(keyStore, "PKCS12", keyStorePassword, null, null, null, ClientAuth.NONE, null);
    }

    @Override
    public char[] keyStorePassword() {
        return keyStorePassword.clone();
    }

    @Override
    public char[] trustStorePassword() {
        return trustStorePassword.clone();
    }

    /** Never shows the passwords. */
    @Override
    public String toString() {
        return "TlsServerConfig[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + ", trustStore=" + trustStore
                + ", trustStoreType=" + trustStoreType + ", clientAuth=" + clientAuth + ", protocols=" + protocols + "]";
    }
}
