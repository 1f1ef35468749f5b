package org.pacsbridge.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * The segments of a parsed message in message order, each as its raw ER7 fields.
 *
 * <p>The fields are read from the segments as received, once HAPI has accepted the message, rather than from
 * HAPI's typed model: the typed model has already decoded escapes, which loses the difference between
 * {@code \.br\} (a line break in FT) and text that happens to contain a backslash. HAPI's encoding of each
 * segment would serve too, at about a quarter of the intake's time per message, but it drops a backslash that
 * starts no escape sequence ({@code C:\temp} becomes {@code C:temp}).
 */
final class MessageSegments {

    private final List<RawSegment> segments;
    private final Delimiters delimiters;

    private MessageSegments(List<RawSegment> segments, Delimiters delimiters) {
        this.segments = segments;
        this.delimiters = delimiters;
    }

    static MessageSegments of(ParsedMessage parsed) {
        Delimiters d = parsed.header().delimiters();
        List<RawSegment> segments = new ArrayList<>();
        // the first segment is MSH, read by MshReader
        for (String segment : parsed.segments().subList(1, parsed.segments().size())) {
            List<String> fields = Er7Text.split(segment, d.field()).stream()
                    .map(field -> withoutTrailingSeparators(field, d)).toList();
            segments.add(new RawSegment(fields.get(0), fields));
        }
        return new MessageSegments(segments, d);
    }

    /** {@code a^b^^~} is {@code a^b}: empty components, repetitions and subcomponents at the end carry nothing. */
    private static String withoutTrailingSeparators(String field, Delimiters d) {
        int end = field.length();
        while (end > 0) {
            char c = field.charAt(end - 1);
            if (c != d.component() && c != d.repetition() && c != d.subcomponent()) {
                break;
            }
            end--;
        }
        return field.substring(0, end);
    }

    Delimiters delimiters() {
        return delimiters;
    }

    List<RawSegment> all() {
        return segments;
    }

    List<RawSegment> all(String id) {
        return segments.stream().filter(s -> s.id().equals(id)).toList();
    }

    RawSegment first(String id) {
        return segments.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    boolean has(String id) {
        return first(id) != null;
    }

    /** A segment as ER7 fields; {@code fields.get(n)} is field n. */
    record RawSegment(String id, List<String> fields) {

        String field(int n) {
            return n < fields.size() ? fields.get(n) : "";
        }
    }
}
