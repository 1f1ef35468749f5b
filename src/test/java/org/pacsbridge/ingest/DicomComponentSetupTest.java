package org.pacsbridge.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.camel.dicom.DicomConfiguration;
import org.pacsbridge.camel.dicom.DuplicatePolicy;
import org.pacsbridge.camel.dicom.SpoolSync;
import org.pacsbridge.reports.MllpTlsSettings;
import org.pacsbridge.testing.ShippedSettings;

/** The dicom: component's defaults come from pacs.dicom.* / pacs.spool.*, and DICOM TLS has MLLP TLS's shape. */
class DicomComponentSetupTest {

    @TempDir
    Path dir;

    private static DicomConfiguration configuration(Map<String, String> overrides) {
        return DicomComponentSetup.configuration(ShippedSettings.mapping(DicomSettings.class, overrides),
                ShippedSettings.mapping(SpoolSettings.class, overrides));
    }

    @Test
    void theShippedSettingsAreTheComponentsDefaults() {
        DicomConfiguration shipped = configuration(Map.of());
        assertEquals("data/spool", shipped.getSpoolDir());
        assertEquals(1L << 30, shipped.getMinFreeSpace());
        assertEquals(SpoolSync.PER_OBJECT, shipped.getSpoolSync());
        assertEquals("", shipped.getAllowedCallingAeTitles());
        assertEquals("", shipped.getTransferSyntaxes(), "every transfer syntax the SCP knows");
        assertEquals(32, shipped.getMaxAssociations());
        assertEquals(262144, shipped.getMaxPduLength());
        assertEquals(Duration.ofMinutes(5), shipped.getIdleTimeout());
        assertEquals(Duration.ofSeconds(60), shipped.getPduTimeout());
        assertEquals(Duration.ofMinutes(10), shipped.getObjectTimeout());
        assertEquals(2L << 30, shipped.getMaxObjectSize());
        assertEquals(DuplicatePolicy.REPLACE, shipped.getDuplicatePolicy());
        assertEquals(100, shipped.getMaxAttempts());
        assertEquals(Duration.ofHours(24), shipped.getMaxAge());
        assertEquals("PACSBRIDGE", shipped.getCallingAeTitle());
        assertNull(shipped.getSslContextParameters(), "TLS is off by default");
    }

    @Test
    void eachSettingReachesItsOption() {
        DicomConfiguration c = configuration(Map.of("pacs.dicom.ae-title", "NODE2", "pacs.spool.dir", "/var/spool/x",
                "pacs.dicom.allowed-calling-ae-titles", "CT1,MR1", "pacs.dicom.retry-delay", "7s",
                "pacs.dicom.duplicate-policy", "IGNORE", "pacs.dicom.concurrent-consumers", "5"));
        assertEquals("NODE2", c.getCallingAeTitle());
        assertEquals("/var/spool/x", c.getSpoolDir());
        assertEquals("CT1,MR1", c.getAllowedCallingAeTitles());
        assertEquals(Duration.ofSeconds(7), c.getRetryDelay());
        assertEquals(DuplicatePolicy.IGNORE, c.getDuplicatePolicy());
        assertEquals(5, c.getConcurrentConsumers());
        assertEquals("1.2.840.10008.1.2.1,1.2.840.10008.1.2", configuration(Map.of("pacs.dicom.transfer-syntaxes",
                "1.2.840.10008.1.2.1,1.2.840.10008.1.2")).getTransferSyntaxes());
        assertEquals(SpoolSync.NONE, configuration(Map.of("pacs.spool.sync", "none")).getSpoolSync());
        assertEquals(SpoolSync.PER_OBJECT, configuration(Map.of("pacs.spool.sync", "per-object")).getSpoolSync());
    }

    @Test
    void tlsEnabledWithoutAKeyStoreStopsTheNodeNamingTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> configuration(Map.of("pacs.dicom.tls.enabled", "true")));
        assertTrue(e.getMessage().contains("pacs.dicom.tls.key-store"), e.getMessage());
        IllegalStateException tls11 = assertThrows(IllegalStateException.class, () -> configuration(Map.of(
                "pacs.dicom.tls.enabled", "true", "pacs.dicom.tls.key-store", "config/application.properties",
                "pacs.dicom.tls.protocols", "TLSv1.1")));
        assertTrue(tls11.getMessage().contains("pacs.dicom.tls.protocols"), tls11.getMessage());
    }

    @Test
    void dicomAndMllpTlsListenersAreBuiltAlikeFromTheSameSettings() throws Exception {
        String store = Files.writeString(dir.resolve("server.p12"), "x").toString();
        String trust = Files.writeString(dir.resolve("trust.p12"), "x").toString();
        Map<String, String> same = Map.of("enabled", "true", "port", "0", "key-store", store,
                "key-store-password", "k-secret", "trust-store", trust, "trust-store-password", "t-secret",
                "client-auth", "WANT", "protocols", "TLSv1.3");
        Map<String, String> dicom = new java.util.HashMap<>();
        Map<String, String> mllp = new java.util.HashMap<>();
        same.forEach((key, value) -> {
            dicom.put("pacs.dicom.tls." + key, value);
            mllp.put("pacs.mllp.tls." + key, value);
        });
        DicomConfiguration c = configuration(dicom);
        SSLContextParameters fromDicom = c.getSslContextParameters();
        SSLContextParameters fromMllp = new org.pacsbridge.reports.MllpTlsParameters()
                .mllpTlsParameters(ShippedSettings.mapping(MllpTlsSettings.class, mllp));

        assertEquals(0, c.getTlsPort());
        assertEquals(describe(fromMllp), describe(fromDicom));
        assertEquals("WANT", fromDicom.getServerParameters().getClientAuthentication());
        assertEquals("k-secret", fromDicom.getKeyManagers().getKeyPassword());
    }

    private static String describe(SSLContextParameters p) {
        KeyStoreParameters keys = p.getKeyManagers().getKeyStore();
        KeyStoreParameters trust = p.getTrustManagers().getKeyStore();
        return String.join("|", keys.getResource(), keys.getType(), keys.getPassword(), trust.getResource(),
                trust.getType(), trust.getPassword(), p.getServerParameters().getClientAuthentication(),
                String.valueOf(p.getSecureSocketProtocols().getSecureSocketProtocol()),
                String.valueOf(p.getCipherSuites().getCipherSuite()));
    }
}
