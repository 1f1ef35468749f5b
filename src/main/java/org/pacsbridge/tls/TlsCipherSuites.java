package org.pacsbridge.tls;

import java.util.List;
import java.util.Set;

/**
 * The cipher suites every TLS listener of the node enables: the AEAD suites with forward secrecy recommended by
 * BCP 195 (RFC 9325), as far as the JDK offers them.
 */
public final class TlsCipherSuites {

    /** BCP 195 recommended suites, in preference order (TLS 1.3 first). */
    public static final List<String> RECOMMENDED = List.of(
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

    private TlsCipherSuites() {
    }

    /** The recommended suites among {@code supported}, in preference order; fails if there is none. */
    public static String[] recommended(String[] supported) {
        Set<String> available = Set.of(supported);
        String[] suites = RECOMMENDED.stream().filter(available::contains).toArray(String[]::new);
        if (suites.length == 0) {
            throw new IllegalStateException("none of the BCP 195 cipher suites is available in this JDK");
        }
        return suites;
    }
}
