package org.pacsbridge.findings;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Kafka Streams topology of study correlation: both findings topics → one processor with a
 * key-value store (in memory, backed by a changelog topic, so any replica can take a study over)
 * → study events, alerts, and dead letters.
 */
public final class StudyCorrelationTopology {

    /** The state store; its changelog topic is {@code <application-id>-study-state-changelog}. */
    public static final String STORE = "study-state";
    static final String SOURCE = "findings-events";
    static final String PROCESSOR = "correlate";
    static final String STUDY_SINK = "study-events";
    static final String ALERT_SINK = "alerts";
    static final String DEAD_LETTER_SINK = "dead-letters";

    /** The topics the topology reads and writes. */
    public record Topics(String findingsCv, String findingsNlp, String study, String alerts, String deadLetter) {
    }

    /** What the processor works with. */
    record Parts(FindingsEventReader reader, StudyEventWriter writer, DiscrepancyRules rules, FrontalViews frontal,
            Duration window, Duration expiryScanInterval, ObjectMapper json, CorrelationMetrics metrics) {
    }

    private StudyCorrelationTopology() {
    }

    public static Topology build(Topics topics, DiscrepancyRules rules, FrontalViews frontal, Duration window,
            Duration expiryScanInterval, ObjectMapper json, CorrelationMetrics metrics) {
        ObjectMapper mapper = json.copy().findAndRegisterModules();
        Parts parts = new Parts(new FindingsEventReader(mapper), new StudyEventWriter(mapper, frontal), rules, frontal,
                window, expiryScanInterval, mapper, metrics);
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.findingsCv(), topics.findingsNlp());
        topology.addProcessor(PROCESSOR, () -> new StudyCorrelationProcessor(parts), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()), PROCESSOR);
        topology.addSink(STUDY_SINK, topics.study(), Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        topology.addSink(ALERT_SINK, topics.alerts(), Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, topics.deadLetter(), Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                PROCESSOR);
        return topology;
    }
}
