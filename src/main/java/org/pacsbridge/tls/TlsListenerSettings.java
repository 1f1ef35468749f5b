package org.pacsbridge.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The settings of one of the node's TLS listeners, the same shape under {@code pacs.dicom.tls.*} and
 * {@code pacs.mllp.tls.*} (defaults and comments in config/application.properties).
 */
public interface TlsListenerSettings {

    /** Whether the second, TLS-only listener runs. */
    boolean enabled();

    /** Its port (0 = ephemeral). */
    int port();

    Optional<String> keyStore();

    String keyStoreType();

    /** Secret: from the environment, never the properties file. */
    Optional<String> keyStorePassword();

    /** Certificates client certificates are checked against; none = the JDK's trusted CAs. */
    Optional<String> trustStore();

    String trustStoreType();

    Optional<String> trustStorePassword();

    TlsServerConfig.ClientAuth clientAuth();

    List<String> protocols();

    /**
     * The checked settings of an enabled listener; fails, naming the setting under {@code prefix}, when the key
     * store is missing or unreadable or a protocol is not allowed.
     */
    default TlsServerConfig serverConfig(String prefix) {
        String store = keyStore().map(String::strip).orElse("");
        if (store.isEmpty()) {
            throw new IllegalStateException(prefix + ".enabled needs " + prefix + ".key-store");
        }
        if (!Files.isReadable(Path.of(store))) {
            throw new IllegalStateException(prefix + ".key-store " + store + " cannot be read");
        }
        Path trust = trustStore().map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).orElse(null);
        try {
            return new TlsServerConfig(Path.of(store), keyStoreType(), chars(keyStorePassword()), trust,
                    trustStoreType(), chars(trustStorePassword()), clientAuth(),
                    protocols().stream().map(String::strip).filter(p -> !p.isEmpty()).distinct().toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(prefix + ".protocols: " + e.getMessage(), e);
        }
    }

    private static char[] chars(Optional<String> password) {
        return password.map(String::toCharArray).orElse(new char[0]);
    }
}
