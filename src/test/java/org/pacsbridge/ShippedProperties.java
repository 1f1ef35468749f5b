package org.pacsbridge;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code config/application.properties} as the node ships it: the values set without a profile
 * (the defaults), the keys set in some profile only, and the keys named in the properties' own
 * {@code ${...}} expressions.
 */
record ShippedProperties(Map<String, String> defaults, Set<String> profiled, Set<String> referenced) {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)");

    static ShippedProperties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(in);
        }
        Map<String, String> defaults = new TreeMap<>();
        Set<String> profiled = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (name.startsWith("%")) {
                profiled.add(name.substring(name.indexOf('.') + 1));
            } else {
                defaults.put(name, value);
            }
            Matcher m = EXPRESSION.matcher(value);
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        return new ShippedProperties(defaults, profiled, referenced);
    }

    /** Every key set in the file, with or without a profile. */
    Set<String> keys() {
        Set<String> keys = new TreeSet<>(defaults.keySet());
        keys.addAll(profiled);
        return keys;
    }
}
