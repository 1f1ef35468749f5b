package org.pacsbridge.tcia;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a client passed over in TCIA's answers: elements it could not read (not an object, or
 * without their identifying key) and optional values it read as absent. The archive's answers are
 * loose (empty strings for flags, numbers as text, dates in another version's format): such a value
 * costs one field, an unidentifiable element costs one element, and only an answer that is unusable
 * as a whole fails.
 */
public final class TciaAnswerTally {

    private final AtomicLong skippedElements = new AtomicLong();
    private final AtomicLong unreadableValues = new AtomicLong();

    void skippedElement() {
        skippedElements.incrementAndGet();
    }

    void unreadableValue() {
        unreadableValues.incrementAndGet();
    }

    /** The counts so far; a run subtracts the counts at its start. */
    public Counts counts() {
        return new Counts(skippedElements.get(), unreadableValues.get());
    }

    /**
     * @param skippedElements  elements left out of an answer
     * @param unreadableValues optional values read as absent
     */
    public record Counts(long skippedElements, long unreadableValues) {

        public static final Counts NONE = new Counts(0, 0);

        public Counts since(Counts earlier) {
            return new Counts(skippedElements - earlier.skippedElements, unreadableValues - earlier.unreadableValues);
        }

        public boolean isEmpty() {
            return skippedElements == 0 && unreadableValues == 0;
        }
    }
}
