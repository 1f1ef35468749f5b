package org.pacsbridge.results.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.mllp.MllpComponent;
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
import org.pacsbridge.camel.mllp.BoundedMllpComponent;
import org.pacsbridge.ops.KafkaOffsets;
import org.pacsbridge.ops.kafka.KafkaBrokerProcess;
import org.pacsbridge.testing.CommittedOffsets;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.KafkaBrokerResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * routes/results-sr.yaml's and routes/results-hl7.yaml's consumers on a real broker, each on a findings topic
 * of its own: each CV findings event gives one SR at a real storescp / one ORU a camel-mllp RIS acknowledges,
 * an event the result cannot be placed from is dead-lettered, and the group's offset moves past both only
 * then, so a restarted consumer does not send the results again.
 */
class ResultsKafkaRoutesTest {

    private static final String SR_TOPIC = "findings-cv-for-sr";
    private static final String HL7_TOPIC = "findings-cv-for-hl7";
    private static final String SR_GROUP = "results-sr-kafka-test";
    private static final String HL7_GROUP = "results-hl7-kafka-test";

    @TempDir
    static Path tmp;

    private static KafkaBrokerProcess broker;
    private static String bootstrap;

    private final List<Exchange> deadLetters = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        int port = FreePorts.claim();
        broker = KafkaBrokerResource.startBroker(Files.createDirectories(tmp.resolve("kafka")), port);
        bootstrap = "localhost:" + port;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(SR_TOPIC, 1, (short) 1), new NewTopic(HL7_TOPIC, 1, (short) 1)))
                    .all().get();
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
        int port = FreePorts.claim();
        Path stored = Files.createDirectories(tmp.resolve("storescp"));
        Process storescp = Dcmtk.startStorescp("STORESCP", port, stored, tmp.resolve("storescp.log"));
        try {
            Awaitility.await("storescp listening").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    return true;
                }
            });
            TestSrSettings sr = new TestSrSettings();
            sr.destination = "dicom:STORESCP@127.0.0.1:" + port;
            sr.groupId = SR_GROUP;
            sr.maxBackoff = Duration.ofSeconds(2);
            FindingsSrSender sender = new FindingsSrSender();
            sender.settings = new TestResultsSettings(sr, new TestHl7Settings());
            sender.registry = new SimpleMeterRegistry();
            Route route = new Route("results-sr", SR_TOPIC, SR_GROUP, "findingsSrSender", sender,
                    camel -> sender.producer = camel.createProducerTemplate());

            sendsOnceAndCommitsOnlyAfter(route, "the event without a study",
                    event(SR_TOPIC, "ACC-K1", "2.25.1001", "2.25.1003"), event(SR_TOPIC, "ACC-K2", null, "2.25.2003"),
                    event(SR_TOPIC, "ACC-K3", "2.25.3001", "2.25.3003"), n -> () -> files(stored) == n);
        } finally {
            storescp.destroy();
        }
    }

    @Test
    void eachEventGetsOneOruAndTheOffsetMovesOnlyOnceItIsAcknowledgedOrDeadLettered() throws Exception {
        int port = FreePorts.claim();
        CamelContext ris = ris(port);
        try {
            TestHl7Settings hl7 = new TestHl7Settings();
            hl7.port = port;
            FindingsOruSender sender = new FindingsOruSender();
            sender.settings = new TestResultsSettings(new TestSrSettings(), hl7);
            sender.registry = new SimpleMeterRegistry();
            Route route = new Route("results-hl7", HL7_TOPIC, HL7_GROUP, "findingsOruSender", sender, camel -> {
                camel.addComponent("mllp", new BoundedMllpComponent());
                sender.producer = camel.createProducerTemplate();
            });

            sendsOnceAndCommitsOnlyAfter(route, "the event without accession and study",
                    event(HL7_TOPIC, "ACC-K1", "2.25.1001", "2.25.1003"), event(HL7_TOPIC, null, null, "2.25.2003"),
                    event(HL7_TOPIC, "ACC-K3", "2.25.3001", "2.25.3003"), n -> () -> received.size() == n);
            assertTrue(received.get(0).contains("|ACC-K1|"), "OBR-3 is the accession number");
            assertTrue(received.get(1).contains("|ACC-K3|"));
        } finally {
            ris.stop();
        }
    }

    /**
     * A good and a bad event, a consumer that sends one result and dead-letters the other, its offset past both;
     * then a third event and a new consumer of the group, which sends only that one.
     */
    private void sendsOnceAndCommitsOnlyAfter(Route route, String badOne, Event good, Event bad, Event later,
            IntFunction<BooleanSupplier> resultsAre) throws Exception {
        good.publish();
        bad.publish();
        CamelContext first = node(route);
        try {
            CommittedOffsets.awaitPast(bootstrap, route.group, route.topic, 0, 1, Duration.ofSeconds(90));
            assertTrue(resultsAre.apply(1).getAsBoolean(), "one result for the good event");
            assertEquals(1, deadLetters.size(), badOne + " is dead-lettered");
        } finally {
            first.stop();
        }

        later.publish();
        CamelContext second = node(route);
        try {
            CommittedOffsets.awaitPast(bootstrap, route.group, route.topic, 0, 2, Duration.ofSeconds(90));
            BooleanSupplier two = resultsAre.apply(2);
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(two::getAsBoolean);
            assertEquals(1, deadLetters.size());
        } finally {
            second.stop();
        }
    }

    /** One of the results routes: its file, topic and group, and the sender bean it calls. */
    private record Route(String file, String topic, String group, String beanName, Object sender,
            CamelSetup setup) {
    }

    @FunctionalInterface
    private interface CamelSetup {
        void apply(CamelContext camel) throws Exception;
    }

    private CamelContext node(Route route) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("pacs.topic.findings-cv", route.topic);
        props.setProperty("pacs." + route.file.replace('-', '.') + ".enabled", "true");
        props.setProperty("pacs." + route.file.replace('-', '.') + ".group-id", route.group);
        camel.getPropertiesComponent().setOverrideProperties(props);
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers(bootstrap);
        camel.addComponent("kafka", kafka);
        route.setup.apply(camel);
        camel.getRegistry().bind(route.beanName, route.sender);
        camel.getRegistry().bind("kafkaOffsets", new KafkaOffsets());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deadletter").routeId("deadletter-recorder").process(e -> deadLetters.add(e.copy()));
            }
        });
        PluginHelper.getRoutesLoader(camel)
                .loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/" + route.file + ".yaml"));
        camel.start();
        return camel;
    }

    /** A RIS that acknowledges every message with AA. */
    private CamelContext ris(int port) throws Exception {
        CamelContext ris = new DefaultCamelContext();
        ris.addComponent("mllp", new MllpComponent());
        ris.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mllp:127.0.0.1:" + port + "?validatePayload=false&stringPayload=true&hl7Headers=false")
                        .routeId("ris").process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });
        ris.start();
        return ris;
    }

    private static long files(Path dir) {
        try (var files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Event(String topic, String json) {

        void publish() throws Exception {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>(topic, "ACC-" + UUID.randomUUID(), json)).get();
            }
        }
    }

    private static Event event(String topic, String accession, String study, String sop) {
        return new Event(topic, "{\"schema\":\"pacs-bridge.findings/v1\",\"source\":\"cv\",\"study\":{"
                + (accession == null ? "" : "\"accessionNumber\":\"" + accession + "\",")
                + (study == null ? "" : "\"studyInstanceUid\":\"" + study + "\",") + "\"patientId\":\"P-K\"},"
                + "\"image\":{\"seriesInstanceUid\":\"2.25.9\",\"sopInstanceUid\":\"" + sop
                + "\",\"sopClassUid\":\"1.2.840.10008.5.1.4.1.1.1\"},\"urgency\":\"normal\",\"findings\":["
                + "{\"code\":\"pneumothorax\",\"probability\":0.2,\"threshold\":0.5,\"positive\":false}],"
                + "\"engine\":{\"name\":\"x-raydar-cv\",\"simulated\":false},"
                + "\"timing\":{\"completedAt\":\"2026-12-07T12:00:00Z\"}}");
    }
}
