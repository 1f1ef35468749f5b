package org.pacsbridge.k8s;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's configuration file, {@code config/application.properties}: its settings per profile,
 * the keys it documents (set or commented out), and how Quarkus maps them to environment variables.
 */
final class NodeConfiguration {

    static final Path FILE = Path.of("config", "application.properties");

    /** A documented but unset key: a comment line of the form {@code # some.key=...}. */
    private static final Pattern COMMENTED_KEY = Pattern.compile("^#\\s*([a-z][a-z0-9.\\-]*[a-z0-9])\\s*=");
    /** An environment variable a value reads, e.g. {@code ${KAFKA_BOOTSTRAP_SERVERS}}. */
    private static final Pattern ENVIRONMENT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern PROFILED_KEY = Pattern.compile("^%([^.]+)\\.(.+)$");

    private final String text;
    private final Properties properties;
    private final Set<String> documentedKeys;

    private NodeConfiguration(String text) throws IOException {
        this.text = text;
        this.properties = new Properties();
        properties.load(new StringReader(text));
        this.documentedKeys = documentedKeys(text, properties);
    }

    static NodeConfiguration load() throws IOException {
        return new NodeConfiguration(Files.readString(FILE, StandardCharsets.UTF_8));
    }

    String text() {
        return text;
    }

    /** The value in the file for a profile: {@code %profile.key}, else {@code key}. */
    Optional<String> value(String key, String profile) {
        String profiled = properties.getProperty("%" + profile + "." + key);
        return Optional.ofNullable(profiled != null ? profiled : properties.getProperty(key));
    }

    /**
     * The value the node runs with: an environment variable beats the file (whatever the file's
     * profile), as in Quarkus.
     */
    Optional<String> effective(String key, String profile, Map<String, String> environment) {
        String fromEnvironment = environment.get(environmentName(key));
        return fromEnvironment != null ? Optional.of(fromEnvironment) : value(key, profile);
    }

    String required(String key, String profile, Map<String, String> environment) {
        return effective(key, profile, environment)
                .orElseThrow(() -> new AssertionError(key + " is not set in " + FILE + " for profile " + profile));
    }

    /** Whether an environment variable sets a key this file documents, or is read by one of its values. */
    boolean knowsEnvironmentVariable(String name) {
        return documentedKeys.stream().anyMatch(key -> environmentName(key).equals(name))
                || placeholders().contains(name);
    }

    /** Environment variables the values read: {@code ${NAME}}. */
    Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            names.addAll(placeholdersIn(properties.getProperty(key)));
        }
        return names;
    }

    /** Environment variables the values in force for a profile read. */
    Set<String> placeholders(String profile) {
        Set<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher profiled = PROFILED_KEY.matcher(key);
            String plainKey = profiled.matches() ? profiled.group(2) : key;
            if (profiled.matches() && !profiled.group(1).equals(profile)) {
                continue;
            }
            value(plainKey, profile).ifPresent(v -> names.addAll(placeholdersIn(v)));
        }
        return names;
    }

    /** Quarkus' environment name of a property: upper case, every other character an underscore. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A duration as the node's settings write it: {@code 30} (seconds), {@code 3s}, {@code 500ms}, {@code 5m}. */
    static double seconds(String duration) {
        String value = duration.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith("ms")) {
            return Double.parseDouble(value.substring(0, value.length() - 2)) / 1000;
        }
        if (value.endsWith("s")) {
            return Double.parseDouble(value.substring(0, value.length() - 1));
        }
        if (value.endsWith("m")) {
            return Double.parseDouble(value.substring(0, value.length() - 1)) * 60;
        }
        return Double.parseDouble(value);
    }

    private static Set<String> placeholdersIn(String value) {
        Set<String> names = new HashSet<>();
        Matcher matcher = ENVIRONMENT_PLACEHOLDER.matcher(value);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Set<String> documentedKeys(String text, Properties properties) {
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher profiled = PROFILED_KEY.matcher(key);
            keys.add(profiled.matches() ? profiled.group(2) : key);
        }
        for (String line : text.split("\\R")) {
            Matcher commented = COMMENTED_KEY.matcher(line.strip());
            if (commented.find()) {
                keys.add(commented.group(1));
            }
        }
        return keys;
    }
}
