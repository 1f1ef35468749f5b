package org.pacsbridge.results.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.camel.mllp.BoundedMllpComponent;
import org.pacsbridge.ops.KafkaOffsets;
import org.pacsbridge.ops.kafka.KafkaBrokerProcess;
import org.pacsbridge.testing.CommittedOffsets;
import org.pacsbridge.testing.KafkaBrokerResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * routes/results-hl7.yaml's consumer on a real broker with a camel-mllp peer as the RIS: each CV findings
 * event gives one ORU the peer acknowledges, an event without accession number and study is dead-lettered,
 * and the group's offset moves past both only then, so a restarted consumer does not send the ORUs again.
 */
class FindingsOruKafkaRouteTest {

    private static final String TOPIC = "pacs.findings.cv";
    private static final String GROUP = "results-hl7-kafka-test";

    @TempDir
    static Path tmp;

    private static KafkaBrokerProcess broker;
    private static String bootstrap;

    private final List<Exchange> deadLetters = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

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
    void eachEventGetsOneOruAndTheOffsetMovesOnlyOnceItIsAcknowledgedOrDeadLettered() throws Exception {
        int port = KafkaBrokerResource.freePort();
        CamelContext ris = ris(port);
        try {
            publish(event("ACC-K1", "2.25.1001", "2.25.1003"));
            publish(event(null, null, "2.25.2003"));

            CamelContext first = node(port);
            try {
                CommittedOffsets.awaitPast(bootstrap, GROUP, TOPIC, 0, 1, Duration.ofSeconds(90));
                assertEquals(1, received.size(), "one ORU for the event with an identity");
                assertTrue(received.get(0).contains("|ACC-K1|"), "OBR-3 is the accession number");
                assertEquals(1, deadLetters.size(), "the event without accession and study is dead-lettered");
            } finally {
                first.stop();
            }

            // a new consumer of the group starts after the committed offsets: the first ORU is not sent again
            publish(event("ACC-K3", "2.25.3001", "2.25.3003"));
            CamelContext second = node(port);
            try {
                CommittedOffsets.awaitPast(bootstrap, GROUP, TOPIC, 0, 2, Duration.ofSeconds(90));
                Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> received.size() == 2);
                assertTrue(received.get(1).contains("|ACC-K3|"));
                assertEquals(1, deadLetters.size());
            } finally {
                second.stop();
            }
        } finally {
            ris.stop();
        }
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

    private CamelContext node(int risPort) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("pacs.topic.findings-cv", TOPIC);
        props.setProperty("pacs.results.hl7.enabled", "true");
        props.setProperty("pacs.results.hl7.group-id", GROUP);
        camel.getPropertiesComponent().setOverrideProperties(props);
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers(bootstrap);
        camel.addComponent("kafka", kafka);
        camel.addComponent("mllp", new BoundedMllpComponent());
        TestHl7Settings hl7 = new TestHl7Settings();
        hl7.port = risPort;
        FindingsOruSender sender = new FindingsOruSender();
        sender.settings = new TestResultsSettings(new TestSrSettings(), hl7);
        sender.registry = new SimpleMeterRegistry();
        sender.producer = camel.createProducerTemplate();
        camel.getRegistry().bind("findingsOruSender", sender);
        camel.getRegistry().bind("kafkaOffsets", new KafkaOffsets());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deadletter").routeId("deadletter-recorder").process(e -> deadLetters.add(e.copy()));
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/results-hl7.yaml"));
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

    private static String event(String accession, String study, String sop) {
        return "{\"schema\":\"pacs-bridge.findings/v1\",\"source\":\"cv\",\"study\":{"
                + (accession == null ? "" : "\"accessionNumber\":\"" + accession + "\",")
                + (study == null ? "" : "\"studyInstanceUid\":\"" + study + "\",") + "\"patientId\":\"P-K\"},"
                + "\"image\":{\"seriesInstanceUid\":\"2.25.9\",\"sopInstanceUid\":\"" + sop
                + "\",\"sopClassUid\":\"1.2.840.10008.5.1.4.1.1.1\"},\"urgency\":\"normal\",\"findings\":["
                + "{\"code\":\"pneumothorax\",\"probability\":0.2,\"threshold\":0.5,\"positive\":false}],"
                + "\"engine\":{\"name\":\"x-raydar-cv\",\"simulated\":false},"
                + "\"timing\":{\"completedAt\":\"2026-12-07T12:00:00Z\"}}";
    }
}
