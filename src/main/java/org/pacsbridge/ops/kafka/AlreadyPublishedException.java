package org.pacsbridge.ops.kafka;

/**
 * Another replica recorded the input's mark first, so its result is out and this one was not
 * published. The exchange fails; when the input is tried again it is found to be a duplicate.
 */
public class AlreadyPublishedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public AlreadyPublishedException(String key, String topic) {
        super("The mark " + key + " was recorded first by another replica (" + topic + "); not published again");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
