package org.pacsbridge.ops.kafka;

/** A topic could not be read or written in time; the message names the topic. */
public class KafkaTopicException extends Exception {

    private static final long serialVersionUID = 1L;

    public KafkaTopicException(String message) {
        super(message);
    }

    public KafkaTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
