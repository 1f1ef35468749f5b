package org.pacsbridge.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The instructions of {@code src/main/docker/Dockerfile.jvm} that the image's users rely on. */
final class Dockerfile {

    static final Path FILE = Path.of("src", "main", "docker", "Dockerfile.jvm");

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S+)");
    private static final Pattern ARG_REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");

    /** One COPY: its sources (relative to the build context) and its destination. */
    record Copy(List<String> sources, String destination) {
    }

    private final List<String[]> instructions;

    private Dockerfile(List<String[]> instructions) {
        this.instructions = instructions;
    }

    static Dockerfile load() throws IOException {
        return parse(Files.readString(FILE, StandardCharsets.UTF_8));
    }

    static Dockerfile parse(String text) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new String[] { parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "" });
            current.setLength(0);
        }
        return new Dockerfile(instructions);
    }

    /** The last FROM's image, with a {@code ${ARG}} replaced by the ARG's default. */
    String baseImage() {
        String from = arguments("FROM").stream().reduce((first, last) -> last).orElseThrow().split("\\s+")[0];
        Matcher reference = ARG_REFERENCE.matcher(from);
        if (!reference.matches()) {
            return from;
        }
        return argumentDefault(reference.group(1))
                .orElseThrow(() -> new AssertionError("FROM " + from + " names an ARG without a default"));
    }

    /** The default value of {@code ARG name=value}, if the Dockerfile declares one. */
    Optional<String> argumentDefault(String name) {
        return arguments("ARG").stream()
                .map(ENV_PAIR::matcher)
                .filter(Matcher::matches)
                .filter(pair -> pair.group(1).equals(name))
                .map(pair -> unquote(pair.group(2)))
                .reduce((first, last) -> last);
    }

    /** The ENTRYPOINT in exec form, as its words. */
    List<String> entrypoint() {
        String argument = arguments("ENTRYPOINT").stream().reduce((first, last) -> last).orElse("[]").strip();
        Matcher word = QUOTED.matcher(argument);
        List<String> words = new ArrayList<>();
        while (word.find()) {
            words.add(word.group(1));
        }
        return words;
    }

    /** The user the container runs as: the last USER instruction. */
    Optional<String> user() {
        return arguments("USER").stream().reduce((first, last) -> last);
    }

    Optional<String> workdir() {
        return arguments("WORKDIR").stream().reduce((first, last) -> last);
    }

    /** ENV values; a later ENV overrides an earlier one. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String argument : arguments("ENV")) {
            Matcher pair = ENV_PAIR.matcher(argument);
            while (pair.find()) {
                environment.put(pair.group(1), unquote(pair.group(2)));
            }
        }
        return environment;
    }

    Set<Integer> exposedPorts() {
        Set<Integer> ports = new TreeSet<>();
        for (String argument : arguments("EXPOSE")) {
            for (String port : argument.split("\\s+")) {
                ports.add(Integer.parseInt(port.replaceFirst("/.*", "")));
            }
        }
        return ports;
    }

    List<Copy> copies() {
        List<Copy> copies = new ArrayList<>();
        for (String argument : arguments("COPY")) {
            List<String> words = new ArrayList<>(List.of(argument.split("\\s+")));
            words.removeIf(word -> word.startsWith("--"));
            String destination = words.remove(words.size() - 1);
            copies.add(new Copy(List.copyOf(words), destination));
        }
        return copies;
    }

    /** The JVM's heap ceiling as a share of the container's memory, from -XX:MaxRAMPercentage. */
    Optional<Double> maxRamPercentage() {
        Matcher matcher = MAX_RAM_PERCENTAGE.matcher(environment().getOrDefault("JAVA_OPTS", ""));
        return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    }

    private List<String> arguments(String instruction) {
        return instructions.stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
