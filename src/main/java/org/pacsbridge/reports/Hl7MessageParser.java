package org.pacsbridge.reports;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.Parser;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns a received ER7 radiology report message (ORU^R01 or MDM^T02, v2.3 to v2.5.1) into a
 * {@link ParsedMessage}, or says with which ACK it must be refused.
 *
 * <p>Steps, each failure ending the parse:
 * <ol>
 * <li>Segment separators are normalised (see {@link SegmentSeparators}: CR standard, CRLF and LF
 *     tolerated) and MLLP or whitespace remainders stripped.</li>
 * <li>The MSH segment is read by the node itself: first segment, valid MSH-1 and MSH-2, supported
 *     version, message type, trigger, structure, control id and processing id. Failures here are
 *     {@link Hl7RejectException} (AR); the header is attached whenever the delimiters were valid.</li>
 * <li>The body is checked for control characters, segment IDs and a second MSH.</li>
 * <li>HAPI parses the message. HAPI may fail with runtime exceptions as well as {@link HL7Exception}
 *     on malformed input; every exception is turned into {@link Hl7ContentException} (AE). HAPI's own
 *     exception is not kept as the cause, since its message can quote message content.</li>
 * </ol>
 *
 * <p>HAPI runs with validation off (real-world messages break length and table rules that do not
 * matter to the node) and with a {@link CanonicalModelClassFactory} for v2.5.1: every accepted version
 * is a subset of 2.5.1 for the segments the node reads, so one model serves all versions, and the
 * typed segments still give OBX-5 its data type from OBX-2 (which a generic model would not).
 * An OBX-2 that is empty or not a known type is read as ST rather than failing the message.
 *
 * <p>An instance holds one HAPI context and may be shared; HAPI's pipe parser keeps no per-message state.
 */
public final class Hl7MessageParser {

    private static final Pattern SEGMENT_ID = Pattern.compile("[A-Z][A-Z0-9]{2}");

    private final Parser hapi;

    public Hl7MessageParser() {
        this(defaultHapiParser());
    }

    /** For tests that need a HAPI parser misbehaving. */
    Hl7MessageParser(Parser hapi) {
        this.hapi = Objects.requireNonNull(hapi, "hapi");
    }

    private static Parser defaultHapiParser() {
        ParserConfiguration configuration = new ParserConfiguration();
        configuration.setValidating(false);
        configuration.setDefaultObx2Type("ST");
        configuration.setInvalidObx2Type("ST");
        return new DefaultHapiContext(configuration, ValidationContextFactory.noValidation(),
                new CanonicalModelClassFactory("2.5.1")).getPipeParser();
    }

    /**
     * Parses received bytes, decoding them with the charset MSH-18 names (UTF-8 when valid, else
     * ISO-8859-1, when MSH-18 is empty).
     */
    public ParsedMessage parse(byte[] er7) throws Hl7RejectException, Hl7ContentException {
        return parse(er7 == null ? "" : Hl7Charsets.decode(er7));
    }

    public ParsedMessage parse(String er7) throws Hl7RejectException, Hl7ContentException {
        List<String> segments = SegmentSeparators.segments(er7 == null ? "" : er7);
        MessageHeader header = MshReader.read(segments);
        checkBody(segments, header);
        return new ParsedMessage(header, parseWithHapi(String.join("\r", segments), header), segments);
    }

    /**
     * Reads only the MSH segment (the first one): for answering a message that is not parsed
     * further, such as one cut at the MLLP size limit.
     */
    public MessageHeader header(String er7) throws Hl7RejectException {
        String text = er7 == null ? "" : er7;
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
            end++;
        }
        return MshReader.read(SegmentSeparators.segments(text.substring(0, end)));
    }

    private static void checkBody(List<String> segments, MessageHeader header) throws Hl7RejectException, Hl7ContentException {
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.chars().anyMatch(Er7Text::isBinaryControl)) {
                throw new Hl7RejectException(new Hl7Error(Hl7ErrorCode.DATA_TYPE_ERROR,
                        "binary content: control characters in segment " + (i + 1)), header);
            }
            String id = segment.length() >= 3 ? segment.substring(0, 3) : segment;
            boolean delimited = segment.length() == 3 || segment.length() > 3 && segment.charAt(3) == header.fieldSeparator();
            if (!SEGMENT_ID.matcher(id).matches() || !delimited) {
                throw new Hl7ContentException(new Hl7Error(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
                        "segment " + (i + 1) + " does not start with a segment id"), header);
            }
            if (i > 0 && id.equals("MSH")) {
                throw new Hl7ContentException(new Hl7Error(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
                        "more than one MSH segment; batches are not accepted", new ErrorLocation("MSH", 2, 0)), header);
            }
        }
    }

    private Message parseWithHapi(String er7, MessageHeader header) throws Hl7ContentException {
        try {
            return hapi.parse(er7);
        } catch (HL7Exception e) {
            Hl7ErrorCode code = Hl7ErrorCode.of(e.getErrorCode(), Hl7ErrorCode.DATA_TYPE_ERROR);
            if (code.code() > 103) {
                code = Hl7ErrorCode.DATA_TYPE_ERROR; // header problems were ruled out above; HAPI says 207 for most things
            }
            throw new Hl7ContentException(new Hl7Error(code, "message could not be parsed", location(e.getLocation())), header);
        } catch (Exception e) {
            throw new Hl7ContentException(new Hl7Error(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "message could not be parsed (" + e.getClass().getSimpleName() + " in the HL7 parser)"), header);
        }
    }

    private static ErrorLocation location(Location location) {
        if (location == null || location.getSegmentName() == null || !SEGMENT_ID.matcher(location.getSegmentName()).matches()) {
            return null;
        }
        return new ErrorLocation(location.getSegmentName(), Math.max(1, location.getSegmentRepetition()), Math.max(0, location.getField()));
    }
}
