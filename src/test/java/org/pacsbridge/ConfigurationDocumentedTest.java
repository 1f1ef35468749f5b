package org.pacsbridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pacsbridge.DocumentedSettings.Documented;
import org.pacsbridge.MappedSettings.Setting;

/**
 * The README's configuration tables, {@code config/application.properties} and the code that reads
 * the settings ({@code @ConfigMapping}s and any {@code @ConfigProperty} left, found in the compiled
 * classes; {@code {{...}}} placeholders in the routes) agree: every {@code pacs.*} key set or read is
 * documented, every documented key is read, and no default is written both in the code and in the
 * properties' profile-free value.
 */
class ConfigurationDocumentedTest {

    private static final Path CLASSES = Path.of("target", "classes");
    /** {@code {{key}}}, {@code {{?key}}}, {@code {{key:default}}} and Simple's {@code ${properties:key}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([^}:]+)|\\$\\{properties:([^}:]+)");

    private static List<Setting> code;
    private static ShippedProperties shipped;
    private static List<Documented> readme;
    private static Set<String> routeKeys;

    @BeforeAll
    static void read() throws IOException {
        assertTrue(Files.isDirectory(CLASSES), "compile first: " + CLASSES.toAbsolutePath());
        code = MappedSettings.read(CLASSES);
        shipped = ShippedProperties.read(Path.of("config", "application.properties"));
        readme = DocumentedSettings.read(Path.of("README.md"));
        routeKeys = new TreeSet<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.filter(r -> r.toString().endsWith(".yaml")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(route));
                while (m.find()) {
                    routeKeys.add((m.group(1) != null ? m.group(1) : m.group(2)).strip());
                }
            }
        }
    }

    @Test
    void everySettingTheNodeShipsOrReadsIsInTheReadme() {
        List<String> missing = new ArrayList<>();
        for (String key : shipped.keys()) {
            if (isPacs(key) && !documented(key)) {
                missing.add(key + " (set in config/application.properties)");
            }
        }
        for (Setting setting : code) {
            if (isPacs(setting.key()) && !documented(setting.key())) {
                missing.add(setting.key() + " (read by " + setting.source() + ")");
            }
        }
        for (String key : routeKeys) {
            if (isPacs(key) && !documented(key)) {
                missing.add(key + " (placeholder in routes/)");
            }
        }
        assertTrue(missing.isEmpty(), "settings missing from the README's configuration table:\n  "
                + String.join("\n  ", new TreeSet<>(missing)));
    }

    @Test
    void everySettingTheReadmeDocumentsIsReadByTheNode() {
        List<String> unread = new ArrayList<>();
        for (Documented doc : readme) {
            if (!isPacs(doc.written())) {
                continue;
            }
            boolean read = code.stream().anyMatch(s -> doc.covers(s.key()))
                    || routeKeys.stream().anyMatch(doc::covers)
                    || shipped.referenced().stream().anyMatch(doc::covers);
            if (!read) {
                unread.add(doc.written() + " (README.md line " + doc.line() + ")");
            }
        }
        assertTrue(unread.isEmpty(), "the README documents settings that no mapping, @ConfigProperty or route reads:\n  "
                + String.join("\n  ", unread));
    }

    @Test
    void everySettingTheShippedPropertiesSetIsReadByTheNode() {
        List<String> unread = new ArrayList<>();
        for (String key : shipped.keys()) {
            if (isPacs(key) && !readByCode(key) && !routeKeys.contains(key) && !shipped.referenced().contains(key)) {
                unread.add(key);
            }
        }
        assertTrue(unread.isEmpty(), "config/application.properties sets keys that nothing reads:\n  "
                + String.join("\n  ", unread));
    }

    @Test
    void everyDefaultIsWrittenOnce() {
        List<String> twice = new ArrayList<>();
        for (Setting setting : code) {
            String shippedValue = shipped.defaults().get(setting.key());
            if (setting.defaultValue() != null && shippedValue != null) {
                twice.add(setting.key() + ": default \"" + setting.defaultValue() + "\" in " + setting.source()
                        + " and \"" + shippedValue + "\" in config/application.properties");
            }
        }
        assertTrue(twice.isEmpty(), "defaults written both in the code and in config/application.properties "
                + "(keep one):\n  " + String.join("\n  ", twice));
    }

    @Test
    void theReadmeGivesTheDefaultsTheNodeHas() {
        List<String> wrong = new ArrayList<>();
        for (Documented doc : readme) {
            if (doc.defaultValue() == null || !isPacs(doc.written())) {
                continue;
            }
            String actual = actualDefault(doc.written());
            if (actual != null && !actual.contains("${") && !actual.equals(doc.defaultValue())) {
                wrong.add(doc.written() + ": README.md line " + doc.line() + " says \"" + doc.defaultValue()
                        + "\", the node's default is \"" + actual + "\"");
            }
        }
        assertTrue(wrong.isEmpty(), "README defaults that differ from the node's:\n  " + String.join("\n  ", wrong));
    }

    /** The profile-free value in application.properties, else the default written in the code, else null. */
    private static String actualDefault(String key) {
        String shippedValue = shipped.defaults().get(key);
        if (shippedValue != null) {
            return shippedValue;
        }
        return code.stream().filter(s -> s.key().equals(key) && s.defaultValue() != null)
                .map(Setting::defaultValue).findFirst().orElse(null);
    }

    private static boolean readByCode(String key) {
        return code.stream().anyMatch(s -> s.key().equals(key) || wildcard(s.key()).matcher(key).matches());
    }

    private static Pattern wildcard(String key) {
        return Pattern.compile(Pattern.quote(key).replace("*", "\\E[^.]+\\Q"));
    }

    private static boolean documented(String key) {
        return readme.stream().anyMatch(doc -> doc.covers(key));
    }

    private static boolean isPacs(String key) {
        return key.startsWith("pacs.");
    }
}
