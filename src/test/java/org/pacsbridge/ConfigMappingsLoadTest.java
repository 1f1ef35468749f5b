package org.pacsbridge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code @ConfigMapping} of the node (found in {@code target/classes}) loads from the shipped
 * config/application.properties as SmallRye loads it, in each profile: each key under a mapping's prefix is known to a
 * mapping, each required value is set, each value converts. And a mapping printed (a log line, an
 * exception message) shows none of the secrets it holds.
 */
class ConfigMappingsLoadTest {

    private static final Path CLASSES = Path.of("target", "classes");
    private static final String SECRET = "Distinctive-Secret-7c41";
    private static final Map<String, String> SECRETS = Map.of(
            "pacs.kafka.sasl.password", SECRET, "pacs.kafka.ssl.truststore-password", SECRET,
            "pacs.kafka.ssl.keystore-password", SECRET, "pacs.kafka.ssl.key-password", SECRET,
            "pacs.admin.password", SECRET, "pacs.console.password", SECRET, "pacs.xraydar.api-key", SECRET,
            "pacs.xraydar.deidentify-salt", SECRET, "pacs.tcia.password", SECRET, "pacs.tcia.client-secret", SECRET);

    private static List<Class<?>> mappings;

    @BeforeAll
    static void findMappings() throws IOException {
        assertTrue(Files.isDirectory(CLASSES), "compile first: " + CLASSES.toAbsolutePath());
        mappings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, ConfigMappingsLoadTest.class.getClassLoader());
                    if (type.isAnnotationPresent(ConfigMapping.class)) {
                        mappings.add(type);
                    }
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(name, e);
                }
            }
        }
        assertTrue(mappings.size() >= 8, "the node's mappings were not found: " + mappings);
    }

    @ParameterizedTest(name = "profile {0}")
    @ValueSource(strings = {"prod", "demo", "test"})
    void theShippedPropertiesLoadIntoEveryMapping(String profile) throws IOException {
        SmallRyeConfig config = build(Map.of(), profile);
        for (Class<?> mapping : mappings) {
            config.getConfigMapping(mapping);
        }
    }

    @Test
    void anUnknownKeyUnderAMappingsPrefixFailsTheLoad() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> build(Map.of("pacs.kafka.health-timout", "3s")));
        assertTrue(e.getMessage().contains("pacs.kafka.health-timout"), e.getMessage());
    }

    @Test
    void aPrintedMappingShowsNoSecret() throws IOException {
        SmallRyeConfig config = build(SECRETS);
        for (Class<?> mapping : mappings) {
            String printed = String.valueOf(config.getConfigMapping(mapping));
            assertFalse(printed.contains(SECRET), mapping.getName() + " prints a secret: " + printed);
        }
    }

    private static SmallRyeConfig build(Map<String, String> overrides) throws IOException {
        return build(overrides, "prod");
    }

    private static SmallRyeConfig build(Map<String, String> overrides, String profile) throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(Path.of("config", "application.properties").toUri().toURL(), 250))
                .withSources(new PropertiesConfigSource(overrides, "overrides", 500))
                // Quarkus' own value, used in the shipped pacs.findings.view.group-id
                .withSources(new PropertiesConfigSource(Map.of("quarkus.uuid", "test-uuid"), "quarkus", 100))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter());
        for (Class<?> mapping : mappings) {
            builder.withMapping(mapping);
        }
        return builder.build();
    }
}
