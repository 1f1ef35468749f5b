package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacsbridge.reports.TestMessages.CONTROL_ID;
import static org.pacsbridge.reports.TestMessages.oru;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckBuilderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-15T09:20:00.123Z"), ZoneId.of("Europe/Berlin"));
    private static final String TS = "20240315102000.123+0100";

    private final AckBuilder acks = new AckBuilder(CLOCK, () -> "ACK0001");
    private final Hl7MessageParser parser = new Hl7MessageParser();

    private MessageHeader header(String er7) throws Exception {
        return parser.parse(er7).header();
    }

    @Test
    void acceptSwapsApplicationsAndEchoesControlId() throws Exception {
        String ack = acks.build(header(oru("2.5.1")), AckCode.AA, null);
        assertEquals("MSH|^~\\&|PACSBRIDGE|HOSPITAL|RIS|RADIOLOGY^1.2.276.0.7230010.3^ISO|" + TS + "||ACK^R01^ACK|ACK0001|P|2.5.1\r"
                + "MSA|AA|" + CONTROL_ID + "\r", ack);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "2..5", "x.y"})
    void rejectionOfAnUnreadableVersionIsAnsweredInTheV25Form(String version) {
        Hl7RejectException e = assertThrows(Hl7RejectException.class, () -> parser.parse(oru("2.5.1").replace("|P|2.5.1\r", "|P|" + version + "\r")));
        String ack = acks.build(e);
        assertTrue(ack.startsWith("MSH|^~\\&|PACSBRIDGE|HOSPITAL|RIS|RADIOLOGY^1.2.276.0.7230010.3^ISO|" + TS + "||ACK^R01^ACK|ACK0001|P|"), ack);
        assertTrue(ack.contains("\rMSA|AR|" + CONTROL_ID + "|"), ack);
        assertTrue(ack.contains("\rERR||MSH^1^12|203^Unsupported version id^HL70357|E"), ack);
    }

    @Test
    void v23AckHasNoMessageStructureAndErr1() throws Exception {
        Hl7Error error = new Hl7Error(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "accession number missing", ErrorLocation.of("OBR", 3));
        String ack = acks.build(header(oru("2.3")), AckCode.AE, error);
        assertEquals("MSH|^~\\&|PACSBRIDGE|HOSPITAL|RIS|RADIOLOGY^1.2.276.0.7230010.3^ISO|" + TS + "||ACK^R01|ACK0001|P|2.3\r"
                + "MSA|AE|" + CONTROL_ID + "|accession number missing\r"
                + "ERR|OBR^1^3^101&Required field missing&HL70357\r", ack);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3.1", "2.4"})
    void before25ErrUsesErr1(String version) throws Exception {
        Hl7Error error = new Hl7Error(Hl7ErrorCode.TABLE_VALUE_NOT_FOUND, "unknown report status", ErrorLocation.of("OBR", 25));
        String ack = acks.build(header(oru(version)), AckCode.AE, error);
        assertTrue(ack.contains("||ACK^R01^ACK|ACK0001|P|" + version + "\r"), ack);
        assertTrue(ack.endsWith("\rERR|OBR^1^25^103&Table value not found&HL70357\r"), ack);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "2.5.1"})
    void from25ErrUsesErr2To4(String version) throws Exception {
        Hl7Error error = new Hl7Error(Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "unsupported message type", ErrorLocation.of("MSH", 9));
        String ack = acks.build(header(oru(version)), AckCode.AR, error);
        assertTrue(ack.contains("\rMSA|AR|" + CONTROL_ID + "|unsupported message type\r"), ack);
        assertTrue(ack.endsWith("\rERR||MSH^1^9|200^Unsupported message type^HL70357|E||||unsupported message type\r"), ack);
    }

    @Test
    void reasonTextIsEscaped() throws Exception {
        Hl7Error error = new Hl7Error(Hl7ErrorCode.DATA_TYPE_ERROR, "bad | field ^ comp & sub ~ rep \\ esc\rline");
        String ack = acks.build(header(oru("2.5.1")), AckCode.AE, error);
        assertTrue(ack.contains("|bad \\F\\ field \\S\\ comp \\T\\ sub \\R\\ rep \\E\\ esc line\r"), ack);
        assertEquals(3, ack.split("\r").length);
    }

    @Test
    void nonDefaultDelimitersAreReusedAndEscapedWith() throws Exception {
        String original = oru("2.5").replace('|', '#').replace('^', '$').replace('\\', '!').replace("MSH#$~!&#", "MSH#$~!&#");
        MessageHeader h = header(original);
        assertEquals("$~!&", h.encodingCharacters());
        String ack = acks.build(h, AckCode.AE, new Hl7Error(Hl7ErrorCode.DATA_TYPE_ERROR, "a # b $ c ! d | e", ErrorLocation.of("OBX", 5)));
        assertTrue(ack.startsWith("MSH#$~!&#PACSBRIDGE#HOSPITAL#RIS#RADIOLOGY$1.2.276.0.7230010.3$ISO#" + TS + "##ACK$R01$ACK#ACK0001#P#2.5\r"), ack);
        assertTrue(ack.contains("\rMSA#AE#" + CONTROL_ID + "#a !F! b !S! c !E! d | e\r"), ack);
        assertTrue(ack.contains("\rERR##OBX$1$5#102$Data type error$HL70357#E"), ack);
        Message parsed = hapi().parse(ack);
        assertEquals("AE", new Terser(parsed).get("/MSA-1"));
        assertEquals("a # b $ c ! d | e", new Terser(parsed).get("/MSA-3"));
    }

    @Test
    void unknownHeaderGivesDefault25Reject() {
        String ack = acks.build(null, AckCode.AE, new Hl7Error(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "not an HL7 v2 message"));
        assertEquals("MSH|^~\\&|||||" + TS + "||ACK^^ACK|ACK0001|P|2.5\r"
                + "MSA|AR||not an HL7 v2 message\r"
                + "ERR|||100^Segment sequence error^HL70357|E||||not an HL7 v2 message\r", ack);
    }

    @Test
    void exceptionsBuildTheirOwnAck() {
        Hl7RejectException e = assertThrows(Hl7RejectException.class, () -> parser.parse("MSH\u001d\r"));
        String ack = acks.build(e);
        assertTrue(ack.contains("\rMSA|AR||invalid field separator (MSH-1)\r"), ack);
        assertTrue(ack.contains("|102^Data type error^HL70357|E"), ack);

        Hl7RejectException v22 = assertThrows(Hl7RejectException.class, () -> parser.parse(oru("2.5.1").replace("|P|2.5.1", "|P|2.2")));
        String ack22 = acks.build(v22);
        assertTrue(ack22.contains("||ACK^R01|ACK0001|P|2.2\r"), ack22);
        assertTrue(ack22.endsWith("\rERR|MSH^1^12^203&Unsupported version id&HL70357\r"), ack22);

        Hl7RejectException v27 = assertThrows(Hl7RejectException.class, () -> parser.parse(oru("2.5.1").replace("|P|2.5.1", "|P|2.7")));
        assertTrue(acks.build(v27).contains("\rERR||MSH^1^12|203^Unsupported version id^HL70357|E"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1"})
    void acksParseWithHapi(String version) throws Exception {
        String ack = acks.build(header(oru(version)), AckCode.AE,
                new Hl7Error(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "accession number missing", ErrorLocation.of("OBR", 3)));
        Terser terser = new Terser(hapi().parse(ack));
        assertEquals("AE", terser.get("/MSA-1"));
        assertEquals(CONTROL_ID, terser.get("/MSA-2"));
        assertEquals(version, terser.get("/MSH-12"));
    }

    @Test
    void errorIsRequiredForAeAndAr() throws Exception {
        MessageHeader h = header(oru("2.5.1"));
        assertThrows(IllegalArgumentException.class, () -> acks.build(h, AckCode.AE, null));
    }

    @Test
    void defaultControlIdsAreNewEachTime() throws Exception {
        AckBuilder builder = new AckBuilder();
        MessageHeader h = header(oru("2.5.1"));
        String first = builder.build(h, AckCode.AA, null).split("\\|")[9];
        String second = builder.build(h, AckCode.AA, null).split("\\|")[9];
        assertEquals(16, first.length());
        assertFalse(first.equals(second));
    }

    @Test
    void acceptAckFollowsMsh15() throws Exception {
        String base = oru("2.5.1");
        MessageHeader empty = header(base);
        MessageHeader al = header(base.replace("|P|2.5.1", "|P|2.5.1|||AL|NE"));
        MessageHeader ne = header(base.replace("|P|2.5.1", "|P|2.5.1|||NE|AL"));
        MessageHeader er = header(base.replace("|P|2.5.1", "|P|2.5.1|||ER|NE"));
        MessageHeader su = header(base.replace("|P|2.5.1", "|P|2.5.1|||SU|NE"));
        assertEquals("AL", al.acceptAckType());
        assertEquals("NE", al.applicationAckType());
        for (AckCode outcome : AckCode.values()) {
            assertTrue(acks.acceptAckWanted(empty, outcome));
            assertTrue(acks.acceptAckWanted(al, outcome));
            assertFalse(acks.acceptAckWanted(ne, outcome));
            assertEquals(outcome != AckCode.AA, acks.acceptAckWanted(er, outcome));
            assertEquals(outcome == AckCode.AA, acks.acceptAckWanted(su, outcome));
            assertTrue(acks.acceptAckWanted(null, outcome));
        }
        assertTrue(acks.acceptAckWanted(empty));
        assertFalse(acks.acceptAckWanted(ne));
        assertTrue(acks.acceptAckWanted(er));
    }

    private static PipeParser hapi() {
        return new DefaultHapiContext(ValidationContextFactory.noValidation()) {
            {
                setModelClassFactory(new GenericModelClassFactory());
            }
        }.getPipeParser();
    }
}
