package org.pacsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pacsbridge.findings.StudyCorrelationTopology;
import org.pacsbridge.ops.kafka.KafkaTopics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * docs/asyncapi.yaml against the node: every topic the node uses (a pacs.topic.* property named in
 * a route or in the code or read through {@code KafkaTopics}, and the correlation's changelog) is a channel with its default name, and
 * every channel is such a topic; every message has a key, headers and a payload whose schema file
 * exists.
 */
class AsyncApiContractTest {

    private static final Pattern TOPIC_PROPERTY = Pattern.compile("pacs\\.topic\\.[a-z-]+");
    private static JsonNode document;
    private static Properties config;

    @BeforeAll
    static void read() throws IOException {
        document = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docs/asyncapi.yaml").toFile());
        config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(in);
        }
    }

    @Test
    void everyTopicTheNodeUsesIsAChannelAndNothingElseIs() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String property : topicPropertiesInUse()) {
            String topic = config.getProperty(property);
            assertTrue(topic != null && !topic.isBlank(), property + " is used but has no default in config/application.properties");
            used.add(topic);
        }
        used.add(config.getProperty("pacs.findings.correlation.application-id") + "-" + StudyCorrelationTopology.STORE + "-changelog");

        Set<String> channels = new TreeSet<>();
        document.get("channels").forEach(c -> channels.add(c.get("address").asText()));
        assertEquals(used, channels, "channels of docs/asyncapi.yaml vs topics the node uses");
    }

    @Test
    void everyChannelIsReadOrWrittenByAnOperation() {
        Set<String> referenced = new HashSet<>();
        document.get("operations").forEach(op -> referenced.add(op.get("channel").get("$ref").asText()));
        document.get("channels").fieldNames().forEachRemaining(name ->
                assertTrue(referenced.contains("#/channels/" + name), "no operation on channel " + name));
    }

    @Test
    void everyMessageHasAKeyAndAPayloadAndItsSchemaFileExists() {
        JsonNode messages = document.get("components").get("messages");
        List<String> problems = new ArrayList<>();
        messages.fields().forEachRemaining(e -> {
            JsonNode message = e.getValue();
            if (!message.path("bindings").path("kafka").has("key")) {
                problems.add(e.getKey() + ": no Kafka key");
            }
            JsonNode payload = message.path("payload");
            if (payload.isMissingNode()) {
                problems.add(e.getKey() + ": no payload");
            }
            String ref = payload.path("$ref").asText("");
            if (!ref.isEmpty() && !Files.isRegularFile(Path.of("docs").resolve(ref))) {
                problems.add(e.getKey() + ": payload schema " + ref + " not found under docs/");
            }
        });
        document.get("channels").forEach(c -> c.get("messages").forEach(m -> {
            String ref = m.get("$ref").asText();
            if (!messages.has(ref.substring(ref.lastIndexOf('/') + 1))) {
                problems.add(c.get("address").asText() + ": message " + ref + " not defined");
            }
        }));
        assertEquals(List.of(), problems);
    }

    @Test
    void theFindingsMessagesNameTheHeadersTheNodeSets() {
        JsonNode headers = document.get("components").get("schemas").get("eventHeaders").get("properties");
        for (String header : List.of("pacs.schema", "pacs.source", "pacs.engine", "pacs.correlation-id")) {
            assertTrue(headers.has(header), header);
        }
    }

    /** pacs.topic.* properties named in routes/*.yaml or in the node's code, or read through a {@code @ConfigMapping}. */
    private static Set<String> topicPropertiesInUse() throws IOException {
        Set<String> found = new TreeSet<>();
        MappedSettings.of(KafkaTopics.class).forEach(setting -> found.add(setting.key()));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> routes = Files.list(Path.of("routes")); Stream<Path> code = Files.walk(Path.of("src/main/java"))) {
            routes.filter(p -> p.toString().endsWith(".yaml")).forEach(files::add);
            code.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        for (Path file : files) {
            Matcher m = TOPIC_PROPERTY.matcher(Files.readString(file));
            while (m.find()) {
                found.add(m.group());
            }
        }
        assertTrue(found.size() >= 5, "expected the node's topic properties, found " + found);
        return found;
    }

}
