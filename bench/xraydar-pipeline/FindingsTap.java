import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning and writes one line per record to stdout:
 * {@code <epoch microseconds when this process received it> TAB <record timestamp ms> TAB <value>}.
 *
 * <p>Usage: {@code java -cp 'target/kafka-broker/*:<dir>' FindingsTap BOOTSTRAP TOPIC}; runs until killed.
 *
 * <p>Partitions are assigned directly rather than through a consumer group: a group join waits out
 * the broker's initial rebalance delay (3 s) and the records would show up late at the start.
 */
public final class FindingsTap {

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Hand over records as soon as the broker has any (the default already waits at most 500 ms
        // for 1 byte; 1 byte / 10 ms keeps the "seen" timestamps close to the publish time).
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "true");
        String topic = args[1];
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            // The topic may not exist until the node publishes its first event (or asks for it).
            List<PartitionInfo> infos = List.of();
            while (infos == null || infos.isEmpty()) {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos == null || infos.isEmpty()) {
                    Thread.sleep(200);
                }
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            System.err.println("FindingsTap: reading " + partitions);
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                Instant now = Instant.now();
                long seenMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
                for (ConsumerRecord<String, String> r : records) {
                    out.write(Long.toString(seenMicros));
                    out.write('\t');
                    out.write(Long.toString(r.timestamp()));
                    out.write('\t');
                    out.write(r.value() == null ? "" : r.value().replace('\n', ' '));
                    out.write('\n');
                }
                out.flush();
            }
        }
    }
}
