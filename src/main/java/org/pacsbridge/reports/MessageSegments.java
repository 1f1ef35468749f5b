package org.pacsbridge.reports;

import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.ReadOnlyMessageIterator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The segments of a parsed message in message order, each as its raw ER7 fields.
 *
 * <p>HAPI gives the order and the segment boundaries; the field values are read from HAPI's ER7
 * encoding of each segment rather than from its typed model, because the typed model has already
 * decoded escapes, which loses the difference between {@code \.br\} (a line break in FT) and text
 * that happens to contain a backslash.
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
        EncodingCharacters encoding = new EncodingCharacters(d.field(), d.encodingCharacters());
        List<RawSegment> segments = new ArrayList<>();
        Iterator<Structure> it = ReadOnlyMessageIterator.createPopulatedSegmentIterator(parsed.message());
        while (it.hasNext()) {
            Segment segment = (Segment) it.next();
            if (segment.getName().equals("MSH")) {
                continue; // read by MshReader
            }
            String er7 = PipeParser.encode(segment, encoding);
            segments.add(new RawSegment(segment.getName(), Er7Text.split(er7, d.field())));
        }
        return new MessageSegments(segments, d);
    }

    Delimiters delimiters() {
        return delimiters;
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
