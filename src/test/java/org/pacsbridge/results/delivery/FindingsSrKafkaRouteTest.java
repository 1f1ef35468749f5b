package org.pacsbridge.results.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.ops.KafkaOffsets;
import org.pacsbridge.ops.kafka.KafkaBrokerProcess;
import org.pacsbridge.testing.CommittedOffsets;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.KafkaBrokerResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * routes/results-sr.yaml's consumer on a real broker: each CV findings event gives one SR at a real
 * storescp, an event without a study is dead-lettered, and the group's offset moves past both only
 * then, so a restarted consumer does not store the SRs again.
 */
class FindingsSrKafkaRouteTest {

    private static final String TOPIC = "pacs.findings.cv";
    private static final String GROUP = "results-sr-kafka-test";

    @TempDir
    static Path tmp;

    private static KafkaBrokerProcess broker;
    private static String bootstrap;

    private final List<Exchange> deadLetters = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        int port = KafkaBrokerResource.freePort();
        broker = KafkaBrokerResource.startBroker(Files.createDirectories(tmp.resolve("kafka")), port);
        bootstrap = "localhost:" + port;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eachEventGetsOneSrAndTheOffsetMovesOnlyOnceItIsStoredOrDeadLettered() throws Exception {
        Assumptions.assumeTrue(Dcmtk.available(), "dcmtk needed");
        int port = KafkaBrokerResource.freePort();
        Path received = Files.createDirectories(tmp.resolve("storescp"));
        Process storescp = Dcmtk.startStorescp("STORESCP", port, received, tmp.resolve("storescp.log"));
        try {
            Awaitility.await("storescp listening").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    return true;
                }
            });
            String destination = "dicom:STORESCP@127.0.0.1:" + port;
            publish(event("2.25.1001", "2.25.1002", "2.25.1003"));
            publish(event(null, "2.25.2002", "2.25.2003"));

            CamelContext first = node(destination);
            try {
                CommittedOffsets.awaitPast(bootstrap, GROUP, TOPIC, 0, 1, Duration.ofSeconds(90));
                assertEquals(1, files(received), "one SR for the event with a study");
                assertEquals(1, deadLetters.size(), "the event without a study is dead-lettered");
            } finally {
                first.stop();
            }

            // a new consumer of the group starts after the committed offsets: the first SR is not stored again
            publish(event("2.25.3001", "2.25.3002", "2.25.3003"));
            CamelContext second = node(destination);
            try {
                CommittedOffsets.awaitPast(bootstrap, GROUP, TOPIC, 0, 2, Duration.ofSeconds(90));
                Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> files(received) == 2);
                assertEquals(1, deadLetters.size());
            } finally {
                second.stop();
            }
        } finally {
            storescp.destroy();
        }
    }

    private CamelContext node(String destination) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("pacs.topic.findings-cv", TOPIC);
        props.setProperty("pacs.results.sr.enabled", "true");
        props.setProperty("pacs.results.sr.group-id", GROUP);
        camel.getPropertiesComponent().setOverrideProperties(props);
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers(bootstrap);
        camel.addComponent("kafka", kafka);
        FindingsSrSender sender = new FindingsSrSender();
        TestSrSettings settings = new TestSrSettings();
        settings.destination = destination;
        settings.groupId = GROUP;
        settings.maxBackoff = Duration.ofSeconds(2);
        sender.settings = new TestResultsSettings(settings, new TestHl7Settings());
        sender.registry = new SimpleMeterRegistry();
        sender.producer = camel.createProducerTemplate();
        camel.getRegistry().bind("findingsSrSender", sender);
        camel.getRegistry().bind("kafkaOffsets", new KafkaOffsets());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deadletter").routeId("deadletter-recorder").process(e -> deadLetters.add(e.copy()));
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/results-sr.yaml"));
        camel.start();
        return camel;
    }

    private static void publish(String event) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(TOPIC, "ACC-" + UUID.randomUUID(), event)).get();
        }
    }

    private static long files(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    private static String event(String study, String series, String sop) {
        return "{\"schema\":\"pacs-bridge.findings/v1\",\"source\":\"cv\",\"study\":{\"accessionNumber\":\"ACC-K\""
                + (study == null ? "" : ",\"studyInstanceUid\":\"" + study + "\"") + ",\"patientId\":\"P-K\"},"
                + "\"image\":{\"seriesInstanceUid\":\"" + series + "\",\"sopInstanceUid\":\"" + sop
                + "\",\"sopClassUid\":\"1.2.840.10008.5.1.4.1.1.1\"},\"urgency\":\"normal\",\"findings\":["
                + "{\"code\":\"pneumothorax\",\"probability\":0.2,\"threshold\":0.5,\"positive\":false}],"
                + "\"engine\":{\"name\":\"x-raydar-cv\",\"simulated\":false},"
                + "\"timing\":{\"completedAt\":\"2026-12-07T12:00:00Z\"}}";
    }
}
