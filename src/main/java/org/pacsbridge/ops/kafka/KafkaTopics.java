package org.pacsbridge.ops.kafka;

import io.smallrye.config.ConfigMapping;

/** The names of the node's topics ({@code pacs.topic.*}); set in config/application.properties. */
@ConfigMapping(prefix = "pacs.topic")
public interface KafkaTopics {

    String reports();

    String findingsCv();

    String findingsNlp();

    String findingsStudy();

    String alerts();

    String findingsReference();

    String tciaSeries();

    String tciaSyncState();

    String deadletter();

    String xraydarIdempotency();
}
