package org.pacsbridge.reports;

import java.util.Objects;

/**
 * Where in a message an error was found: segment ID, the segment's 1-based occurrence in the message
 * and the 1-based field number ({@code 0} when the whole segment is meant).
 */
public record ErrorLocation(String segment, int sequence, int field) {

    public ErrorLocation {
        Objects.requireNonNull(segment, "segment");
        if (sequence < 1 || field < 0) {
            throw new IllegalArgumentException("sequence must be >= 1 and field >= 0");
        }
    }

    /** A field of the first (usually only) occurrence of a segment. */
    public static ErrorLocation of(String segment, int field) {
        return new ErrorLocation(segment, 1, field);
    }

    @Override
    public String toString() {
        return field == 0 ? segment + "[" + sequence + "]" : segment + "[" + sequence + "]-" + field;
    }
}
