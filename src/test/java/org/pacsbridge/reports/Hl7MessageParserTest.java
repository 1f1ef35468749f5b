package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacsbridge.reports.TestMessages.CONTROL_ID;
import static org.pacsbridge.reports.TestMessages.join;
import static org.pacsbridge.reports.TestMessages.msh;
import static org.pacsbridge.reports.TestMessages.oru;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Hl7MessageParserTest {

    private final Hl7MessageParser parser = new Hl7MessageParser();

    @ParameterizedTest
    @ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1"})
    void readsOruHeaderInEverySupportedVersion(String version) throws Exception {
        ParsedMessage parsed = parser.parse(oru(version));
        MessageHeader h = parsed.header();
        assertEquals('|', h.fieldSeparator());
        assertEquals("^~\\&", h.encodingCharacters());
        assertEquals("RIS", h.sendingApplication());
        assertEquals("RADIOLOGY^1.2.276.0.7230010.3^ISO", h.sendingFacility());
        assertEquals("PACSBRIDGE", h.receivingApplication());
        assertEquals("HOSPITAL", h.receivingFacility());
        assertEquals("ORU", h.messageType());
        assertEquals("R01", h.triggerEvent());
        assertEquals(version.equals("2.3") ? "" : "ORU_R01", h.messageStructure());
        assertEquals(CONTROL_ID, h.messageControlId());
        assertEquals("P", h.processingId());
        assertEquals(version, h.versionId());
        assertEquals("RADIOLOGY", h.sendingFacilityName());
        assertNotNull(parsed.message().get("MSH"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1"})
    void parsesMdmInEverySupportedVersion(String version) throws Exception {
        ParsedMessage parsed = parser.parse(TestMessages.mdm(version, "AU"));
        assertEquals("MDM", parsed.header().messageType());
        assertEquals("T02", parsed.header().triggerEvent());
    }

    @Test
    void toleratesLfSeparators() throws Exception {
        ParsedMessage parsed = parser.parse(oru("2.5.1").replace('\r', '\n'));
        assertEquals(CONTROL_ID, parsed.header().messageControlId());
        assertEquals(oru("2.5.1").split("\r").length, PipeParser.getInstanceWithNoValidation().encode(parsed.message()).split("\r").length);
    }

    @Test
    void toleratesCrLfSeparators() throws Exception {
        ParsedMessage parsed = parser.parse(oru("2.5.1").replace("\r", "\r\n"));
        assertEquals(CONTROL_ID, parsed.header().messageControlId());
    }

    @Test
    void stripsMllpFramingAndTrailingWhitespace() throws Exception {
        ParsedMessage parsed = parser.parse("\u000b" + oru("2.4") + "\u001c\r\n  ");
        assertEquals("2.4", parsed.header().versionId());
    }

    @Test
    void keepsLoneLfInsideCrSeparatedMessageAsContent() throws Exception {
        String message = oru("2.5.1").replace("Heart size normal.", "Heart size normal.\nSecond line.");
        ParsedMessage parsed = parser.parse(message);
        assertEquals(oru("2.5.1").split("\r").length, PipeParser.getInstanceWithNoValidation().encode(parsed.message()).split("\r").length);
    }

    @Test
    void decodesBytesWithTheCharsetMsh18Names() throws Exception {
        String latin = oru("2.5.1").replace(CONTROL_ID + "|P|2.5.1", CONTROL_ID + "|P|2.5.1||||||8859/1");
        ParsedMessage parsed = parser.parse(latin.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("8859/1", parsed.header().characterSet());
        assertTrue(PipeParser.getInstanceWithNoValidation().encode(parsed.message()).contains("Müller"));

        String utf8 = oru("2.5.1").replace(CONTROL_ID + "|P|2.5.1", CONTROL_ID + "|P|2.5.1||||||UNICODE UTF-8");
        parsed = parser.parse(utf8.getBytes(StandardCharsets.UTF_8));
        assertEquals("UNICODE UTF-8", parsed.header().characterSet());
        assertTrue(PipeParser.getInstanceWithNoValidation().encode(parsed.message()).contains("Müller"));
    }

    @Test
    void bytesWithAnMshTooShortForMsh18AreRejectedForTheirEncodingCharacters() {
        Hl7RejectException e = assertThrows(Hl7RejectException.class,
                () -> parser.parse("MSH|O\rTXA|1|RD2|A|T|20240315".getBytes(StandardCharsets.ISO_8859_1)));
        assertError(e, AckCode.AR, 102);
        assertEquals("invalid encoding characters (MSH-2)", e.error().reason());
    }

    @Test
    void acceptsNonDefaultDelimiters() throws Exception {
        String message = oru("2.5").replace('|', '#').replace('^', '$');
        ParsedMessage parsed = parser.parse(message);
        assertEquals('#', parsed.header().fieldSeparator());
        assertEquals("$~\\&", parsed.header().encodingCharacters());
        assertEquals("RADIOLOGY$1.2.276.0.7230010.3$ISO", parsed.header().sendingFacility());
        assertEquals("RADIOLOGY", parsed.header().sendingFacilityName());
    }

    // --- refused input: the ACK code and the table 0357 code for each

    @Test
    void emptyMessageIsRejected() {
        Hl7RejectException e = reject("");
        assertError(e, AckCode.AR, 100);
        assertNull(e.header());
        assertError(reject("  \r\n\u001c"), AckCode.AR, 100);
        assertError(reject((String) null), AckCode.AR, 100);
    }

    @Test
    void missingMshIsRejected() {
        Hl7RejectException e = reject(TestMessages.replaceSegment(oru("2.5.1"), "MSH", null));
        assertError(e, AckCode.AR, 100);
        assertEquals("MSH segment missing", e.error().reason());
        assertNull(e.header());
    }

    @Test
    void mshNotFirstIsRejected() {
        String message = oru("2.5.1");
        String[] segments = message.split("\r");
        String swapped = join(segments[1], segments[0], segments[2], segments[3], segments[4], segments[5], segments[6]);
        Hl7RejectException e = reject(swapped);
        assertError(e, AckCode.AR, 100);
        assertEquals("MSH is not the first segment", e.error().reason());
    }

    @Test
    void binaryGarbageIsRejected() {
        byte[] garbage = new byte[256];
        new java.util.Random(42).nextBytes(garbage);
        garbage[0] = 0x00;
        Hl7RejectException e = assertThrows(Hl7RejectException.class, () -> parser.parse(garbage));
        assertError(e, AckCode.AR, 100);
        assertEquals("not an HL7 v2 message", e.error().reason());
        assertNull(e.header());
    }

    @Test
    void binaryContentAfterAValidMshIsRejected() {
        Hl7RejectException e = reject(oru("2.5.1").replace("Lungs are clear.", "Lungs \u0000\u0001\u0002 clear."));
        assertError(e, AckCode.AR, 102);
        assertNotNull(e.header());
    }

    @Test
    void badEncodingCharactersAreRejected() {
        assertError(reject(oru("2.5.1").replace("MSH|^~\\&|", "MSH|^~|")), AckCode.AR, 102);
        assertError(reject(oru("2.5.1").replace("MSH|^~\\&|", "MSH|^^\\&|")), AckCode.AR, 102);
        assertError(reject(oru("2.5.1").replace("MSH|^~\\&|", "MSH|^~\\A|")), AckCode.AR, 102);
        Hl7RejectException e = reject(oru("2.5.1").replace("MSH|^~\\&|", "MSH|^~\\&#|"));
        assertError(e, AckCode.AR, 102);
        assertEquals(new ErrorLocation("MSH", 1, 2), e.error().location());
    }

    @Test
    void hapiCrashInputIsRejectedBeforeHapi() {
        Hl7RejectException e = reject("MSH\u001d\r");
        assertError(e, AckCode.AR, 102);
        assertEquals(ErrorLocation.of("MSH", 1), e.error().location());
        assertNull(e.header());
    }

    @Test
    void adtIsRejectedAsUnsupportedType() {
        Hl7RejectException e = reject(oru("2.5.1").replace("ORU^R01^ORU_R01", "ADT^A01^ADT_A01"));
        assertError(e, AckCode.AR, 200);
        assertEquals("ADT", e.header().messageType());
    }

    @Test
    void otherTriggerIsRejectedAsUnsupportedEvent() {
        assertError(reject(oru("2.5.1").replace("ORU^R01^ORU_R01", "ORU^R30^ORU_R30")), AckCode.AR, 201);
    }

    @Test
    void unexpectedStructureIsRejected() {
        assertError(reject(oru("2.5.1").replace("ORU^R01^ORU_R01", "ORU^R01^OUL_R21")), AckCode.AR, 200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.2", "2.6", "2.7", "2.8", "3.0"})
    void unsupportedVersionIsRejected(String version) {
        Hl7RejectException e = reject(oru("2.5.1").replace("|P|2.5.1", "|P|" + version));
        assertError(e, AckCode.AR, 203);
        assertEquals(version, e.header().versionId());
    }

    @Test
    void v27WithTruncationCharacterIsRejectedAsUnsupportedVersion() {
        Hl7RejectException e = reject(oru("2.5.1").replace("MSH|^~\\&|", "MSH|^~\\&#|").replace("|P|2.5.1", "|P|2.7"));
        assertError(e, AckCode.AR, 203);
    }

    @Test
    void missingControlIdAndBadProcessingIdAreRejected() {
        assertError(reject(oru("2.5.1").replace(CONTROL_ID, "")), AckCode.AR, 101);
        assertError(reject(oru("2.5.1").replace("|P|2.5.1", "|X|2.5.1")), AckCode.AR, 202);
    }

    @Test
    void truncatedMshIsRejected() {
        assertError(reject("MSH|^~\\&|RIS|RADIOLOGY|PACSB"), AckCode.AR, 101);
    }

    @Test
    void secondMshIsAContentError() {
        Hl7ContentException e = assertThrows(Hl7ContentException.class, () -> parser.parse(oru("2.5.1") + oru("2.5.1")));
        assertError(e, AckCode.AE, 100);
    }

    @Test
    void segmentWithoutSegmentIdIsAContentError() {
        Hl7ContentException e = assertThrows(Hl7ContentException.class,
                () -> parser.parse(oru("2.5.1").replace("\rOBX|2|", "\rlungs clear|2|")));
        assertError(e, AckCode.AE, 100);
    }

    @Test
    void segmentShorterThanASegmentIdIsAContentError() {
        Hl7ContentException e = assertThrows(Hl7ContentException.class,
                () -> parser.parse(oru("2.5.1").replace("\rPV1|", "\rP\rPV1|")));
        assertError(e, AckCode.AE, 100);
        assertEquals("segment 3 does not start with a segment id", e.error().reason());
    }

    @Test
    void runtimeExceptionInHapiBecomesContentErrorWithHeader() {
        PipeParser crashing = new PipeParser() {
            @Override
            public Message parse(String message) {
                throw new ArrayIndexOutOfBoundsException(3);
            }
        };
        Hl7ContentException e = assertThrows(Hl7ContentException.class, () -> new Hl7MessageParser(crashing).parse(oru("2.5.1")));
        assertError(e, AckCode.AE, 207);
        assertEquals(CONTROL_ID, e.header().messageControlId());
        assertNull(e.getCause());
    }

    @Test
    void hl7ExceptionInHapiBecomesContentErrorWithoutItsMessage() {
        PipeParser failing = new PipeParser() {
            @Override
            public Message parse(String message) throws HL7Exception {
                throw new HL7Exception("cannot parse 'Müller'");
            }
        };
        Hl7ContentException e = assertThrows(Hl7ContentException.class, () -> new Hl7MessageParser(failing).parse(oru("2.5.1")));
        assertError(e, AckCode.AE, 102);
        assertFalse(e.getMessage().contains("Müller"));
        assertNull(e.getCause());
    }

    @Test
    void exceptionMessageCarriesCodeAndReasonOnly() {
        Hl7RejectException e = reject(oru("2.5.1").replace("|P|2.5.1", "|P|2.2"));
        assertTrue(e.getMessage().startsWith("203 "), e.getMessage());
        assertFalse(e.getMessage().contains("Müller"));
    }

    private Hl7RejectException reject(String message) {
        return assertThrows(Hl7RejectException.class, () -> parser.parse(message));
    }

    static void assertError(Hl7MessageException e, AckCode ack, int code) {
        assertEquals(ack, e.ackCode(), e::getMessage);
        assertEquals(code, e.error().code().code(), e::getMessage);
        if (ack == AckCode.AR) {
            assertInstanceOf(Hl7RejectException.class, e);
        } else {
            assertInstanceOf(Hl7ContentException.class, e);
        }
    }
}
