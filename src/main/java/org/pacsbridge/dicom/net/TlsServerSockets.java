package org.pacsbridge.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Creates the listening socket of a TLS {@link DicomServer} and completes the handshake of accepted connections.
 * Cipher suites are limited to the AEAD suites with forward secrecy recommended by BCP 195 (RFC 9325) that
 * the JDK offers.
 */
final class TlsServerSockets {
    private static final System.Logger LOG = System.getLogger("org.pacsbridge.dicom.net");

    /** BCP 195 recommended suites, in preference order (TLS 1.3 first). */
    static final List<String> RECOMMENDED_CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");

    private TlsServerSockets() {
    }

    /** An unbound SSL server socket configured from {@code tls}. */
    static SSLServerSocket create(DicomTlsConfig tls) throws IOException {
        SSLContext context = context(tls);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setEnabledProtocols(tls.protocols().toArray(String[]::new));
        socket.setEnabledCipherSuites(cipherSuites(socket.getSupportedCipherSuites()));
        switch (tls.clientAuth()) {
            case NEED -> socket.setNeedClientAuth(true);
            case WANT -> socket.setWantClientAuth(true);
            default -> socket.setNeedClientAuth(false);
        }
        return socket;
    }

    static String[] cipherSuites(String[] supported) {
        Set<String> available = Set.of(supported);
        String[] suites = RECOMMENDED_CIPHER_SUITES.stream().filter(available::contains).toArray(String[]::new);
        if (suites.length == 0) {
            throw new IllegalStateException("none of the BCP 195 cipher suites is available in this JDK");
        }
        return suites;
    }

    private static SSLContext context(DicomTlsConfig tls) throws IOException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] keyPassword = tls.keyStorePassword();
            kmf.init(load(tls.keyStore(), tls.keyStoreType(), keyPassword), keyPassword);
            Arrays.fill(keyPassword, '\0');
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (tls.trustStore() == null) {
                tmf.init((KeyStore) null);
            } else {
                char[] trustPassword = tls.trustStorePassword();
                tmf.init(load(tls.trustStore(), tls.trustStoreType(), trustPassword));
                Arrays.fill(trustPassword, '\0');
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up DICOM TLS from " + tls.keyStore() + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(java.nio.file.Path file, String type, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    /**
     * Completes the TLS handshake of an accepted connection within {@code timeoutMillis}. A failure is logged
     * as one line naming the peer.
     *
     * @return true if the connection is secured (or is not a TLS connection)
     */
    static boolean handshake(Socket socket, long timeoutMillis) {
        if (!(socket instanceof SSLSocket ssl)) {
            return true;
        }
        try {
            int before = ssl.getSoTimeout();
            ssl.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
            ssl.startHandshake();
            ssl.setSoTimeout(before);
            LOG.log(System.Logger.Level.DEBUG, () -> "TLS " + ssl.getSession().getProtocol() + " "
                    + ssl.getSession().getCipherSuite() + " with " + ssl.getRemoteSocketAddress());
            return true;
        } catch (IOException | RuntimeException e) {
            // a peer that connects and closes without a word (a TCP health check) is not worth a warning
            // and neither is a connection closed locally because the server stops
            System.Logger.Level level = e.getCause() instanceof java.io.EOFException || ssl.isClosed()
                    ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
            LOG.log(level, "TLS handshake with " + ssl.getRemoteSocketAddress() + " failed: " + e.getMessage());
            return false;
        }
    }

    /** @return the protocols a server socket has enabled (for diagnostics and tests) */
    static List<String> enabledProtocols(ServerSocket socket) {
        return socket instanceof SSLServerSocket ssl ? List.of(ssl.getEnabledProtocols()) : List.of();
    }
}
