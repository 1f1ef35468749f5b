package org.pacsbridge.testing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * Waits for a consumer group of the node to commit past a record. The node commits a record's offset
 * only once the record's outcome is durable, so a group past a record is the signal that whatever
 * that record was going to give (an event, a dead letter, a skip) is out, and can be read now.
 */
public final class CommittedOffsets {

    private CommittedOffsets() {
    }

    /** Waits (up to the timeout) until the group has committed an offset after {@code offset} on the partition. */
    public static void awaitPast(String bootstrapServers, String group, String topic, int partition, long offset,
            Duration timeout) {
        TopicPartition wanted = new TopicPartition(topic, partition);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Awaitility.await("group " + group + " past " + wanted + "@" + offset).atMost(timeout)
                    .pollInterval(Duration.ofMillis(100)).until(() -> committed(admin, group, wanted) > offset);
        }
    }

    private static long committed(Admin admin, String group, TopicPartition partition)
            throws InterruptedException, ExecutionException {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(partition);
        return committed == null ? -1 : committed.offset();
    }
}
