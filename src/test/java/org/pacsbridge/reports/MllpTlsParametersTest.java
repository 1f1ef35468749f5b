package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.tls.TlsCipherSuites;

/** Checks of pacs.mllp.tls.* before the listener starts: incomplete or unsafe settings stop the node. */
class MllpTlsParametersTest {

    @TempDir
    Path dir;

    private MllpTlsParameters settings(String keyStore, String clientAuth, List<String> protocols) {
        MllpTlsParameters p = new MllpTlsParameters();
        p.enabled = true;
        p.keyStore = Optional.ofNullable(keyStore);
        p.keyStoreType = "PKCS12";
        p.keyStorePassword = Optional.of("secret-value");
        p.trustStore = Optional.empty();
        p.trustStoreType = "PKCS12";
        p.trustStorePassword = Optional.empty();
        p.clientAuth = clientAuth;
        p.protocols = protocols;
        return p;
    }

    @Test
    void enabledWithoutKeyStoreFails() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> settings(null, "NONE", List.of("TLSv1.3")).mllpTlsParameters());
        assertTrue(missing.getMessage().contains("pacs.mllp.tls.key-store"), missing.getMessage());
        assertThrows(IllegalStateException.class,
                () -> settings(dir.resolve("absent.p12").toString(), "NONE", List.of("TLSv1.3")).mllpTlsParameters());
    }

    @Test
    void olderProtocolsAndUnknownClientAuthAreRefused() throws Exception {
        String store = Files.writeString(dir.resolve("server.p12"), "x").toString();
        assertThrows(IllegalArgumentException.class,
                () -> settings(store, "NONE", List.of("TLSv1.2", "TLSv1.1")).mllpTlsParameters());
        assertThrows(IllegalArgumentException.class,
                () -> settings(store, "SOMETIMES", List.of("TLSv1.3")).mllpTlsParameters());
    }

    @Test
    void settingsBecomeCamelParametersWithoutShowingThePassword() throws Exception {
        String store = Files.writeString(dir.resolve("server.p12"), "x").toString();
        SSLContextParameters p = settings(store, "need", List.of("TLSv1.3", " TLSv1.2")).mllpTlsParameters();
        assertEquals("REQUIRE", p.getServerParameters().getClientAuthentication());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), p.getSecureSocketProtocols().getSecureSocketProtocol());
        assertTrue(TlsCipherSuites.RECOMMENDED.containsAll(p.getCipherSuites().getCipherSuite()));
        assertFalse(p.toString().contains("secret-value"), p.toString());
    }

    @Test
    void disabledNeedsNothing() throws Exception {
        MllpTlsParameters p = settings(null, "NONE", List.of());
        p.enabled = false;
        assertEquals(null, p.mllpTlsParameters().getKeyManagers());
    }
}
