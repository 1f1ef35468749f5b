package org.pacsbridge.reports;

import java.util.List;

/**
 * Reads and checks the MSH segment without HAPI, so that every message can be answered: checks the
 * delimiters, then the version, message type, control id and processing id the node supports.
 */
final class MshReader {

    private MshReader() {
    }

    static MessageHeader read(List<String> segments) throws Hl7RejectException {
        if (segments.isEmpty()) {
            throw reject(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "empty message", null, null);
        }
        String msh = segments.get(0);
        if (!msh.startsWith("MSH")) {
            throw reject(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, firstSegmentProblem(segments), ErrorLocation.of("MSH", 0), null);
        }
        Delimiters delimiters = delimiters(msh);
        List<String> fields = Er7Text.split(msh, delimiters.field());
        MessageHeader header = header(fields, delimiters);
        check(header, fields.get(1).length());
        return header;
    }

    private static String firstSegmentProblem(List<String> segments) {
        if (looksBinary(segments.get(0))) {
            return "not an HL7 v2 message";
        }
        for (String segment : segments) {
            if (segment.startsWith("MSH")) {
                return "MSH is not the first segment";
            }
        }
        return "MSH segment missing";
    }

    private static boolean looksBinary(String text) {
        return text.chars().limit(64).anyMatch(c -> Er7Text.isBinaryControl(c) || c == 0xfffd);
    }

    private static Delimiters delimiters(String msh) throws Hl7RejectException {
        if (msh.length() < 4 || !isDelimiter(msh.charAt(3))) {
            throw reject(Hl7ErrorCode.DATA_TYPE_ERROR, "invalid field separator (MSH-1)", ErrorLocation.of("MSH", 1), null);
        }
        char field = msh.charAt(3);
        int end = msh.indexOf(field, 4);
        String encoding = msh.substring(4, end < 0 ? msh.length() : end);
        // 2.7 added a fifth (truncation) character; it is accepted here so that a 2.7 message is
        // answered "unsupported version" rather than "bad encoding characters".
        boolean valid = (encoding.length() == 4 || encoding.length() == 5)
                && encoding.chars().allMatch(c -> isDelimiter((char) c) && c != field)
                && encoding.chars().distinct().count() == encoding.length();
        if (!valid) {
            throw reject(Hl7ErrorCode.DATA_TYPE_ERROR, "invalid encoding characters (MSH-2)", ErrorLocation.of("MSH", 2), null);
        }
        return Delimiters.of(field, encoding);
    }

    private static boolean isDelimiter(char c) {
        return c > 0x20 && c < 0x7f && !Character.isLetterOrDigit(c);
    }

    /** {@code fields.get(0)} is "MSH" and {@code fields.get(1)} is MSH-2, so MSH-n is {@code fields.get(n - 1)}. */
    private static MessageHeader header(List<String> fields, Delimiters d) {
        String type = field(fields, 9);
        return new MessageHeader(d.field(), d.encodingCharacters(),
                field(fields, 3), field(fields, 4), field(fields, 5), field(fields, 6), field(fields, 7),
                Er7Text.decode(Er7Text.component(type, d, 1), d).trim(),
                Er7Text.decode(Er7Text.component(type, d, 2), d).trim(),
                Er7Text.decode(Er7Text.component(type, d, 3), d).trim(),
                field(fields, 10), field(fields, 11),
                Er7Text.decode(Er7Text.component(field(fields, 12), d, 1), d).trim(),
                Er7Text.decode(field(fields, 15), d).trim(),
                Er7Text.decode(field(fields, 16), d).trim(),
                Er7Text.decode(Er7Text.part(field(fields, 18), d.repetition(), 1), d).trim());
    }

    private static String field(List<String> fields, int number) {
        return number - 1 < fields.size() ? fields.get(number - 1) : "";
    }

    private static void check(MessageHeader h, int encodingLength) throws Hl7RejectException {
        if (h.versionId().isEmpty()) {
            throw reject(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "version id missing (MSH-12)", ErrorLocation.of("MSH", 12), h);
        }
        if (!SupportedMessages.VERSIONS.contains(h.versionId())) {
            throw reject(Hl7ErrorCode.UNSUPPORTED_VERSION_ID, "unsupported version, accepted are " + String.join(", ", SupportedMessages.VERSIONS),
                    ErrorLocation.of("MSH", 12), h);
        }
        if (encodingLength != 4) {
            throw reject(Hl7ErrorCode.DATA_TYPE_ERROR, "invalid encoding characters (MSH-2)", ErrorLocation.of("MSH", 2), h);
        }
        if (h.messageType().isEmpty()) {
            throw reject(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "message type missing (MSH-9)", ErrorLocation.of("MSH", 9), h);
        }
        String trigger = SupportedMessages.TRIGGERS.get(h.messageType());
        if (trigger == null) {
            throw reject(Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "unsupported message type, accepted are ORU^R01 and MDM^T02",
                    ErrorLocation.of("MSH", 9), h);
        }
        if (!trigger.equals(h.triggerEvent())) {
            throw reject(Hl7ErrorCode.UNSUPPORTED_EVENT_CODE, "unsupported trigger event, accepted are ORU^R01 and MDM^T02",
                    ErrorLocation.of("MSH", 9), h);
        }
        if (!h.messageStructure().isEmpty() && !h.messageStructure().equals(SupportedMessages.structure(h.messageType()))) {
            throw reject(Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "unsupported message structure, accepted are ORU_R01 and MDM_T02",
                    ErrorLocation.of("MSH", 9), h);
        }
        if (h.messageControlId().isBlank()) {
            throw reject(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "message control id missing (MSH-10)", ErrorLocation.of("MSH", 10), h);
        }
        String processingId = Er7Text.component(h.processingId(), h.delimiters(), 1).trim();
        if (processingId.isEmpty()) {
            throw reject(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "processing id missing (MSH-11)", ErrorLocation.of("MSH", 11), h);
        }
        if (!SupportedMessages.PROCESSING_IDS.contains(processingId)) {
            throw reject(Hl7ErrorCode.UNSUPPORTED_PROCESSING_ID, "unsupported processing id, accepted are P, D and T",
                    ErrorLocation.of("MSH", 11), h);
        }
    }

    private static Hl7RejectException reject(Hl7ErrorCode code, String reason, ErrorLocation location, MessageHeader header) {
        return new Hl7RejectException(new Hl7Error(code, reason, location), header);
    }
}
