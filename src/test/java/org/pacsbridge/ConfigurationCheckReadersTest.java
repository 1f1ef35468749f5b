package org.pacsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.DocumentedSettings.Documented;
import org.pacsbridge.MappedSettings.Setting;

/**
 * The readers behind {@link ConfigurationDocumentedTest} name keys as SmallRye and the README do;
 * a reader that misnamed them would let the check pass on a wrong README.
 */
class ConfigurationCheckReadersTest {

    @ConfigMapping(prefix = "pacs.sample")
    interface SampleMapping {
        @WithDefault("4")
        int maxAttempts();

        @WithName("url")
        String baseUrlSetting();

        Optional<Duration> idleTimeout();

        Nested nested();

        @WithParentName
        Flat flat();

        Map<String, Nested> rule();

        interface Nested {
            @WithDefault("true")
            boolean enabled();
        }

        interface Flat {
            String mode();
        }
    }

    static class SampleInjection {
        @ConfigProperty(name = "pacs.injected.port", defaultValue = "2575")
        int port;

        @ConfigProperty(name = "pacs.injected.host")
        String host;
    }

    @Test
    void mappingKeysFollowSmallRyeNaming() {
        Map<String, String> keys = new TreeMap<>();
        for (Setting s : MappedSettings.of(SampleMapping.class)) {
            keys.put(s.key(), s.defaultValue());
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("pacs.sample.max-attempts", "4");
        expected.put("pacs.sample.url", null);
        expected.put("pacs.sample.idle-timeout", null);
        expected.put("pacs.sample.nested.enabled", "true");
        expected.put("pacs.sample.mode", null);
        expected.put("pacs.sample.rule.*.enabled", "true");
        assertEquals(expected, keys);
    }

    @Test
    void injectedPropertiesAreFoundWithTheirDefaults() {
        Map<String, String> keys = new TreeMap<>();
        for (Setting s : MappedSettings.of(SampleInjection.class)) {
            keys.put(s.key(), s.defaultValue());
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("pacs.injected.port", "2575");
        expected.put("pacs.injected.host", null);
        assertEquals(expected, keys);
    }

    @Test
    void theReadmeShortFormsStandForTheFullKeys() {
        assertEquals(List.of("pacs.kafka.ssl.truststore-location", "pacs.kafka.ssl.truststore-type"),
                written(DocumentedSettings.cell("`pacs.kafka.ssl.truststore-location` / `-type`", "", 1)));
        assertEquals(List.of("pacs.xraydar.cv.burned-in-annotation-assumed-modalities",
                "pacs.xraydar.cv.burned-in-annotation-assumed-sop-classes"),
                written(DocumentedSettings.cell(
                        "`pacs.xraydar.cv.burned-in-annotation-assumed-modalities` / `-assumed-sop-classes`", "", 1)));
        assertEquals(List.of("pacs.dicom.artim", "pacs.dicom.association-request-timeout", "pacs.dicom.idle-timeout"),
                written(DocumentedSettings.cell("`pacs.dicom.artim` / `.association-request-timeout` / `.idle-timeout`",
                        "", 1)));
        assertEquals(List.of("pacs.xraydar.cv.read-timeout", "pacs.xraydar.nlp.read-timeout",
                "pacs.xraydar.cv.max-backoff", "pacs.xraydar.nlp.max-backoff"),
                written(DocumentedSettings.cell("`pacs.xraydar.{cv,nlp}.read-timeout` / `.max-backoff`", "", 1)));
        assertEquals(List.of(), written(DocumentedSettings.cell("`PACS_HOME` (environment)", "", 1)));
    }

    @Test
    void placeholdersInTheReadmeStandForOneNameEach() {
        Documented rule = DocumentedSettings.cell("`pacs.findings.alerts.rule.<code>.<threshold>`", "—", 1).get(0);
        assertTrue(rule.covers("pacs.findings.alerts.rule.*.image-high"));
        assertTrue(rule.covers("pacs.findings.alerts.rule.pneumothorax.image-high"));
        assertFalse(rule.covers("pacs.findings.alerts.rule.image-high"));
        assertFalse(rule.covers("pacs.findings.alerts.rulex.a.b"));
    }

    @Test
    void theDefaultColumnIsReadPerKey() {
        List<Documented> docs = DocumentedSettings.cell("`pacs.a.x` / `.y` / `.z` / `.w`",
                "`3`; `%demo`: `1` / empty = any / — / prose with `code`", 1);
        assertEquals("3", docs.get(0).defaultValue());
        assertEquals("", docs.get(1).defaultValue());
        assertNull(docs.get(2).defaultValue());
        assertNull(docs.get(3).defaultValue());
        assertNull(DocumentedSettings.cell("`pacs.a.x` / `.y`", "`1`", 1).get(0).defaultValue(),
                "a default column that does not pair up with the keys is not guessed at");
    }

    @Test
    void onlyTablesWithAPropertyColumnCount(@TempDir Path dir) throws IOException {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, """
                | port | what | setting |
                |---|---|---|
                | 1 | x | `pacs.not.this` |

                | property | default | meaning |
                |---|---|---|
                | `pacs.this.one` | `7` | y |
                text
                | `pacs.after.the.table` | | |
                """);
        List<Documented> docs = DocumentedSettings.read(readme);
        assertEquals(List.of("pacs.this.one"), written(docs));
        assertEquals("7", docs.get(0).defaultValue());
        assertEquals(7, docs.get(0).line());
    }

    private static List<String> written(List<Documented> docs) {
        return docs.stream().map(Documented::written).toList();
    }
}
