package org.pacsbridge.dicom.net;

import org.pacsbridge.tls.TlsCipherSuites;
import org.pacsbridge.tls.TlsServerConfig;
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
 * Cipher suites are {@link TlsCipherSuites#recommended}.
 */
final class TlsServerSockets {
    private static final System.Logger LOG = System.getLogger("org.pacsbridge.dicom.net");

    private TlsServerSockets() {
    }

    /**
     * An unbound SSL server socket configured from {@code tls}: the socket of {@link #create(SSLContext)}, so the
     * same protocol and suite filter applies, narrowed to the configured protocols and client-certificate policy.
     */
    static SSLServerSocket create(TlsServerConfig tls) throws IOException {
        SSLServerSocket socket = create(context(tls));
        socket.setEnabledProtocols(tls.protocols().toArray(String[]::new));
        switch (tls.clientAuth()) {
            case NEED -> socket.setNeedClientAuth(true);
            case WANT -> socket.setWantClientAuth(true);
            default -> socket.setNeedClientAuth(false);
        }
        return socket;
    }

    /**
     * An unbound SSL server socket from a ready context (e.g. one set up by the caller's framework). Whatever the
     * context enables, only the protocols of {@link TlsServerConfig#ALLOWED_PROTOCOLS} and the BCP 195 suites
     * stay enabled; a context that enables none of them is refused.
     */
    static SSLServerSocket create(SSLContext context) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        try {
            String[] protocols = Arrays.stream(socket.getEnabledProtocols())
                    .filter(TlsServerConfig.ALLOWED_PROTOCOLS::contains).toArray(String[]::new);
            if (protocols.length == 0) {
                throw new IOException("the TLS context enables neither TLSv1.3 nor TLSv1.2 (it enables "
                        + String.join(", ", socket.getEnabledProtocols()) + ")");
            }
            Set<String> enabled = Set.of(socket.getEnabledCipherSuites());
            String[] suites = TlsCipherSuites.RECOMMENDED.stream().filter(enabled::contains).toArray(String[]::new);
            if (suites.length == 0) {
                throw new IOException("the TLS context enables none of the BCP 195 cipher suites");
            }
            socket.setEnabledProtocols(protocols);
            socket.setEnabledCipherSuites(suites);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** NEED, WANT or NONE: what a server socket asks of clients (for the start-up line). */
    static String clientAuth(ServerSocket socket) {
        if (!(socket instanceof SSLServerSocket ssl)) {
            return "NONE";
        }
        return ssl.getNeedClientAuth() ? "NEED" : ssl.getWantClientAuth() ? "WANT" : "NONE";
    }

    private static SSLContext context(TlsServerConfig tls) throws IOException {
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
