package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.testing.ShippedSettings;
import org.pacsbridge.tls.TlsCipherSuites;

/** Checks of pacs.mllp.tls.* before the listener starts: incomplete or unsafe settings stop the node. */
class MllpTlsParametersTest {

    @TempDir
    Path dir;

    private static SSLContextParameters parameters(Map<String, String> settings) {
        Map<String, String> enabled = new HashMap<>(settings);
        enabled.putIfAbsent("pacs.mllp.tls.enabled", "true");
        enabled.putIfAbsent("pacs.mllp.tls.key-store-password", "secret-value");
        return new MllpTlsParameters().mllpTlsParameters(ShippedSettings.mapping(MllpTlsSettings.class, enabled));
    }

    @Test
    void enabledWithoutKeyStoreFails() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> parameters(Map.of()));
        assertTrue(missing.getMessage().contains("pacs.mllp.tls.key-store"), missing.getMessage());
        IllegalStateException absent = assertThrows(IllegalStateException.class,
                () -> parameters(Map.of("pacs.mllp.tls.key-store", dir.resolve("absent.p12").toString())));
        assertTrue(absent.getMessage().contains("cannot be read"), absent.getMessage());
    }

    @Test
    void olderProtocolsAndUnknownClientAuthAreRefused() throws Exception {
        String store = Files.writeString(dir.resolve("server.p12"), "x").toString();
        IllegalStateException tls11 = assertThrows(IllegalStateException.class, () -> parameters(Map.of(
                "pacs.mllp.tls.key-store", store, "pacs.mllp.tls.protocols", "TLSv1.2,TLSv1.1")));
        assertTrue(tls11.getMessage().contains("pacs.mllp.tls.protocols"), tls11.getMessage());
        assertThrows(RuntimeException.class, () -> parameters(Map.of(
                "pacs.mllp.tls.key-store", store, "pacs.mllp.tls.client-auth", "SOMETIMES")));
    }

    @Test
    void settingsBecomeCamelParametersWithoutShowingThePassword() throws Exception {
        String store = Files.writeString(dir.resolve("server.p12"), "x").toString();
        SSLContextParameters p = parameters(Map.of("pacs.mllp.tls.key-store", store,
                "pacs.mllp.tls.client-auth", "need", "pacs.mllp.tls.protocols", "TLSv1.3, TLSv1.2"));
        assertEquals("REQUIRE", p.getServerParameters().getClientAuthentication());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), p.getSecureSocketProtocols().getSecureSocketProtocol());
        assertTrue(TlsCipherSuites.RECOMMENDED.containsAll(p.getCipherSuites().getCipherSuite()));
        assertFalse(p.toString().contains("secret-value"), p.toString());
    }

    @Test
    void disabledNeedsNothing() {
        assertNull(parameters(Map.of("pacs.mllp.tls.enabled", "false")).getKeyManagers());
    }
}
