package org.pacsbridge.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.FreePorts;
import org.pacsbridge.testing.KafkaBrokerResource;

/** What a real single broker's topics look like to the replication thresholds. */
class TopicDurabilityTest {

    private static KafkaBrokerProcess broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBrokerResource.startBroker(Files.createTempDirectory("pacs-durability-kafka"),
                FreePorts.claim());
        admin = Admin.create(new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers())));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void productionThresholdsRefuseAOneReplicaTopic() throws Exception {
        String topic = create(Map.of());
        assertEquals(Map.of(topic, "replication factor 1 < 3 (pacs.kafka.min-replication-factor)"),
                durability(3, 2).shortfalls(admin, List.of(topic), 10_000));
    }

    @Test
    void aMinInsyncOfOneIsRefusedWhenTwoAreAsked() throws Exception {
        String topic = create(Map.of());
        assertEquals(Map.of(topic, "min.insync.replicas 1 < 2 (pacs.kafka.min-insync-replicas)"),
                durability(1, 2).shortfalls(admin, List.of(topic), 10_000));
    }

    @Test
    void aMinInsyncAboveTheReplicasIsRefusedEvenInALab() throws Exception {
        String topic = create(Map.of("min.insync.replicas", "2"));
        assertEquals(Map.of(topic, "min.insync.replicas 2 > replication factor 1: every acks=all write fails"),
                durability(1, 1).shortfalls(admin, List.of(topic), 10_000));
    }

    @Test
    void labThresholdsAcceptASingleBrokerAndMissingTopicsWait() throws Exception {
        String topic = create(Map.of());
        assertEquals(Map.of(), durability(1, 1).shortfalls(admin, List.of(topic, "not.created." + UUID.randomUUID()),
                10_000));
    }

    private static TopicDurability durability(int minReplicationFactor, int minInsync) {
        TopicDurability durability = new TopicDurability();
        durability.minReplicationFactor = minReplicationFactor;
        durability.minInsyncReplicas = minInsync;
        return durability;
    }

    private static String create(Map<String, String> configs) throws Exception {
        String topic = "test.durability." + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(configs))).all()
                .get(30, TimeUnit.SECONDS);
        // created is not yet described everywhere: until it is, the check counts the topic as missing (it waits)
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                        .containsKey(topic));
        return topic;
    }
}
