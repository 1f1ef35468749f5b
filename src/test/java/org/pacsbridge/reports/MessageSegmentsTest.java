package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pacsbridge.reports.TestMessages.join;
import static org.pacsbridge.reports.TestMessages.msh;
import static org.pacsbridge.reports.TestMessages.obr;
import static org.pacsbridge.reports.TestMessages.obxTx;
import static org.pacsbridge.reports.TestMessages.pid;
import static org.pacsbridge.reports.TestMessages.segment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.ReadOnlyMessageIterator;

/**
 * The segments are read from the message as received; HAPI, which accepted the message, would give the same
 * segments in the same order with the same decoded values when asked to encode its model back. Each message
 * below is one where the two readings could part: escapes HAPI normalises, empty and unknown segments,
 * segments HAPI files into other groups, delimiters left at the end.
 */
class MessageSegmentsTest {

    private static final Hl7MessageParser PARSER = new Hl7MessageParser();
    private static final String ACCESSION = TestMessages.ACCESSION;

    static Stream<String> messages() {
        String chest = TestMessages.CHEST;
        return Stream.of(
                TestMessages.oru("2.5.1"),
                TestMessages.oru("2.3"),
                TestMessages.mdm("2.5.1", "AU"),
                report(obxTx(1, "Line one\\.br\\line two \\T\\ \\S\\ \\R\\ \\E\\ \\F\\ end")),
                report(obxTx(1, "Hex \\X0D0A\\ and highlight \\H\\text\\N\\ and \\.sp2\\ and \\.in+4\\")),
                report(obxTx(1, "trailing delimiters^^^") + "|||"),
                report(obxTx(1, "repeated~values~in OBX-5"), obxTx(2, "sub&components&here")),
                report(segment("NTE", 1, "1", 3, "a note"), obxTx(1, "text")),
                report(obxTx(1, "before a Z segment"), segment("ZDS", 1, "1.2.3.4^100^Application^DICOM"),
                        obxTx(2, "after it")),
                join(msh("2.5.1", "ORU^R01^ORU_R01"), pid(), segment("ORC", 1, "RE", 3, ACCESSION),
                        obr(ACCESSION, chest, "F"), obxTx(1, "first"), segment("NTE", 1, "1", 3, "note on OBX 1"),
                        obxTx(2, "second"), obr("OTHER-1", chest, "F"), obxTx(1, "second order")),
                join(msh("2.5.1", "ORU^R01^ORU_R01"), pid(), obr(ACCESSION, chest, "F"), obxTx(1, "no ORC, no PV1")),
                join(msh("2.5.1", "ORU^R01^ORU_R01"), obr(ACCESSION, chest, "F"), pid(), obxTx(1, "PID after OBR")),
                report(obxTx(1, "Ünïcödé in a report: 5 mm × 3 mm, 37 °C")));
    }

    private static String report(String... observations) {
        List<String> segments = new ArrayList<>(List.of(msh("2.5.1", "ORU^R01^ORU_R01"), pid(),
                segment("PV1", 1, "1", 2, "O"), segment("ORC", 1, "RE", 3, ACCESSION),
                obr(ACCESSION, TestMessages.CHEST, "F")));
        segments.addAll(List.of(observations));
        return join(segments.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void asReceivedTheFieldsDecodeAsHapisEncodingOfItsModel(String message) throws Exception {
        ParsedMessage parsed = PARSER.parse(message);
        Delimiters d = parsed.header().delimiters();
        assertEquals(decoded(hapiEncoded(parsed), d), decoded(MessageSegments.of(parsed).all(), d), message);
    }

    /**
     * Where the two part: a backslash that starts no escape sequence, or one the node does not know. HAPI's
     * model drops such backslashes (C:\temp comes back as C:temp); read as received they are kept, as the
     * author wrote them.
     */
    @Test
    void backslashesThatStartNoKnownEscapeAreKeptAsWritten() throws Exception {
        ParsedMessage parsed = PARSER.parse(report(obxTx(1, "C:\\temp and one at the end \\"), obxTx(2, "a \\Q\\ b")));
        Delimiters d = parsed.header().delimiters();
        List<MessageSegments.RawSegment> observations = MessageSegments.of(parsed).all("OBX");
        assertEquals("C:\\temp and one at the end \\", Er7Text.decode(observations.get(0).field(5), d));
        assertEquals("a \\Q\\ b", Er7Text.decode(observations.get(1).field(5), d));
        assertEquals("C:temp and one at the end ", Er7Text.decode(hapiEncoded(parsed).get(4).field(5), d));
    }

    /** The reading before: every populated segment but MSH, in HAPI's order, encoded back by HAPI. */
    private static List<MessageSegments.RawSegment> hapiEncoded(ParsedMessage parsed) {
        Delimiters d = parsed.header().delimiters();
        EncodingCharacters encoding = new EncodingCharacters(d.field(), d.encodingCharacters());
        List<MessageSegments.RawSegment> segments = new ArrayList<>();
        Iterator<Structure> it = ReadOnlyMessageIterator.createPopulatedSegmentIterator(parsed.message());
        while (it.hasNext()) {
            Segment segment = (Segment) it.next();
            if (!segment.getName().equals("MSH")) {
                segments.add(new MessageSegments.RawSegment(segment.getName(),
                        Er7Text.split(PipeParser.encode(segment, encoding), d.field())));
            }
        }
        return segments;
    }

    /** Segment id and every field decoded, with the empty fields at the end left out. */
    private static List<List<String>> decoded(List<MessageSegments.RawSegment> segments, Delimiters d) {
        List<List<String>> out = new ArrayList<>();
        for (MessageSegments.RawSegment segment : segments) {
            List<String> fields = new ArrayList<>();
            fields.add(segment.id());
            for (int n = 1; n < segment.fields().size(); n++) {
                fields.add(Er7Text.decode(segment.field(n), d));
            }
            while (fields.size() > 1 && fields.get(fields.size() - 1).isEmpty()) {
                fields.remove(fields.size() - 1);
            }
            out.add(fields);
        }
        return out;
    }
}
