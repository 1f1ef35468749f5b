package org.pacsbridge.reports;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.pacsbridge.reports.ExtractionSettings.FieldRef;
import org.pacsbridge.reports.MessageSegments.RawSegment;

/**
 * Reads the canonical {@link Report} out of a parsed ORU^R01 or MDM^T02.
 *
 * <ul>
 * <li>Accession number: the first non-empty field of {@link ExtractionSettings#accessionFields()}.</li>
 * <li>Patient: PID-3, first repetition (ID, assigning authority, identifier type code).</li>
 * <li>Procedure: OBR-4 (alternate identifier when the primary is empty); for MDM without OBR, TXA-2.</li>
 * <li>Status: ORU OBR-25, else the first OBX-11; MDM TXA-17, else OBR-25. See {@link ReportStatus}.</li>
 * <li>Observation time: ORU OBR-7, else the first OBX-14; MDM TXA-4, else OBR-7, else OBX-14.</li>
 * <li>Report text: every OBX of value type TX, FT or ST, in message order, one line per repetition of
 *     OBX-5, escapes decoded (FT and TX formatting commands as line breaks, highlighting dropped,
 *     hex data in the MSH-18 charset). When one ORU carries several orders, the first OBR gives
 *     accession and procedure and the text holds the OBX of all of them.</li>
 * <li>Identity (never published, only for scrubbing the text sent out): see {@link Hl7IdentityReader}.</li>
 * <li>Study Instance UID: the value of an OBX whose OBX-3 is DCM 110180 or reads "Study Instance UID"
 *     (that OBX is not report text), else ZDS-1.</li>
 * </ul>
 *
 * Content problems are {@link Hl7ContentException}: no accession number or no report text (101),
 * unknown status (103), no status (101). Messages of an unsupported type or version are
 * {@link Hl7RejectException} (200, 201, 203), as in {@link Hl7MessageParser}.
 */
public final class ReportExtractor {

    private static final Set<String> TEXT_TYPES = Set.of("TX", "FT", "ST");
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS", Locale.ROOT);
    private static final long RANK_FACTOR = 100_000_000_000_000_000L;

    private final Clock clock;

    public ReportExtractor() {
        this(Clock.systemUTC());
    }

    /** @param clock gives {@link Report#receivedAt()} */
    public ReportExtractor(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Report extract(ParsedMessage parsed, ExtractionSettings settings) throws Hl7RejectException, Hl7ContentException {
        MessageHeader header = parsed.header();
        checkSupported(header);
        MessageSegments segments;
        try {
            segments = MessageSegments.of(parsed);
        } catch (RuntimeException e) {
            throw new Hl7ContentException(new Hl7Error(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "message could not be read (" + e.getClass().getSimpleName() + ")"), header);
        }
        return new Reading(header, segments, settings).report(clock.instant());
    }

    private static void checkSupported(MessageHeader h) throws Hl7RejectException {
        if (!SupportedMessages.VERSIONS.contains(h.versionId())) {
            throw new Hl7RejectException(new Hl7Error(Hl7ErrorCode.UNSUPPORTED_VERSION_ID, "unsupported version",
                    ErrorLocation.of("MSH", 12)), h);
        }
        String trigger = SupportedMessages.TRIGGERS.get(h.messageType());
        if (trigger == null) {
            throw new Hl7RejectException(new Hl7Error(Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "unsupported message type",
                    ErrorLocation.of("MSH", 9)), h);
        }
        if (!trigger.equals(h.triggerEvent())) {
            throw new Hl7RejectException(new Hl7Error(Hl7ErrorCode.UNSUPPORTED_EVENT_CODE, "unsupported trigger event",
                    ErrorLocation.of("MSH", 9)), h);
        }
    }

    /** One extraction: the message and what is read from it. */
    private static final class Reading {
        private final MessageHeader header;
        private final MessageSegments segments;
        private final ExtractionSettings settings;
        private final Delimiters d;
        private final boolean mdm;

        Reading(MessageHeader header, MessageSegments segments, ExtractionSettings settings) {
            this.header = header;
            this.segments = segments;
            this.settings = settings;
            this.d = segments.delimiters();
            this.mdm = header.messageType().equals("MDM");
        }

        Report report(Instant receivedAt) throws Hl7ContentException {
            String accession = accession();
            String text = reportText();
            Status status = status();
            RawSegment pid = segments.first("PID");
            String pid3 = pid == null ? "" : pid.field(3);
            String[] procedure = procedure();
            String application = header.sendingApplicationName();
            String facility = header.sendingFacilityName();
            OffsetDateTime messageTime = Hl7Timestamps.parse(header.dateTimeOfMessage(), settings.messageZone());
            Instant versionTime = messageTime == null ? receivedAt : messageTime.toInstant();
            long version = status.status.rank() * RANK_FACTOR
                    + Long.parseLong(VERSION_TIME.format(versionTime.atOffset(ZoneOffset.UTC)));
            return new Report(Report.SCHEMA,
                    reportId(facility, application, accession),
                    version,
                    header.messageControlIdText(),
                    header.messageTypeAndTrigger(),
                    header.versionId(),
                    blankToNull(application),
                    blankToNull(facility),
                    accession,
                    blankToNull(text(Er7Text.component(pid3, d, 1))),
                    blankToNull(assigningAuthority(Er7Text.component(pid3, d, 4))),
                    blankToNull(text(Er7Text.component(pid3, d, 5))),
                    studyInstanceUid(),
                    procedure[0], procedure[1], procedure[2],
                    status.status,
                    status.code,
                    observationTime(),
                    receivedAt,
                    text,
                    identity(accession));
        }

        private String accession() throws Hl7ContentException {
            List<FieldRef> refs = settings.accessionFieldRefs();
            for (FieldRef ref : refs) {
                for (RawSegment segment : segments.all(ref.segment())) {
                    String value = text(Er7Text.component(segment.field(ref.field()), d, 1));
                    if (!value.isEmpty()) {
                        return value;
                    }
                }
            }
            FieldRef expected = refs.stream().filter(r -> segments.has(r.segment())).findFirst().orElse(refs.get(0));
            throw content(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "accession number missing (looked in " + refs + ")",
                    ErrorLocation.of(expected.segment(), expected.field()));
        }

        private record Status(ReportStatus status, String code) {
        }

        private Status status() throws Hl7ContentException {
            if (mdm) {
                Status txa = status("TXA", 17, ReportStatus::fromDocumentCompletion);
                return txa != null ? txa : required(status("OBR", 25, ReportStatus::fromResultStatus), "TXA", 17);
            }
            Status obr = status("OBR", 25, ReportStatus::fromResultStatus);
            return obr != null ? obr : required(status("OBX", 11, ReportStatus::fromObservationStatus), "OBR", 25);
        }

        /** The status from the first occurrence of {@code segment} with the field filled; null when none has it. */
        private Status status(String segment, int field, Function<String, Optional<ReportStatus>> mapping)
                throws Hl7ContentException {
            for (RawSegment s : segments.all(segment)) {
                String code = text(Er7Text.component(s.field(field), d, 1)).toUpperCase(Locale.ROOT);
                if (!code.isEmpty()) {
                    ReportStatus status = mapping.apply(code).orElseThrow(() -> content(Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
                            "unknown report status in " + segment + "-" + field, ErrorLocation.of(segment, field)));
                    return new Status(status, code);
                }
            }
            return null;
        }

        private Status required(Status status, String segment, int field) throws Hl7ContentException {
            if (status == null) {
                throw content(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "report status missing (" + segment + "-" + field + ")",
                        ErrorLocation.of(segment, field));
            }
            return status;
        }

        private String reportText() throws Hl7ContentException {
            Charset charset = Hl7Charsets.forMsh18(header.characterSet());
            List<String> lines = new ArrayList<>();
            for (RawSegment obx : segments.all("OBX")) {
                String type = text(Er7Text.component(obx.field(2), d, 1)).toUpperCase(Locale.ROOT);
                if (!TEXT_TYPES.contains(type) || isStudyInstanceUid(obx)) {
                    continue;
                }
                boolean formatted = !type.equals("ST");
                for (String repetition : Er7Text.split(obx.field(5), d.repetition())) {
                    // the whole repetition: text types have no components, a stray ^ is text
                    lines.add(Er7Text.decode(repetition, d, charset, formatted).stripTrailing());
                }
            }
            String text = String.join("\n", lines).strip();
            if (text.isEmpty()) {
                throw content(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "report text missing (no TX, FT or ST observation)",
                        ErrorLocation.of(segments.has("OBX") ? "OBX" : mdm ? "TXA" : "OBR", segments.has("OBX") ? 5 : 0));
            }
            return text;
        }

        /** Code, text and coding system; each may be null. */
        private String[] procedure() {
            for (RawSegment obr : segments.all("OBR")) {
                String field = obr.field(4);
                int first = text(Er7Text.component(field, d, 1)).isEmpty() ? 4 : 1;
                String code = text(Er7Text.component(field, d, first));
                String label = text(Er7Text.component(field, d, first + 1));
                if (!code.isEmpty() || !label.isEmpty()) {
                    return new String[] {blankToNull(code), blankToNull(label), blankToNull(text(Er7Text.component(field, d, first + 2)))};
                }
            }
            RawSegment txa = segments.first("TXA");
            if (txa != null) {
                String type = text(Er7Text.component(txa.field(2), d, 1));
                return new String[] {blankToNull(type), blankToNull(text(Er7Text.component(txa.field(2), d, 2))), null};
            }
            return new String[3];
        }

        private OffsetDateTime observationTime() {
            List<String[]> order = mdm
                    ? List.of(new String[] {"TXA", "4"}, new String[] {"OBR", "7"}, new String[] {"OBX", "14"})
                    : List.of(new String[] {"OBR", "7"}, new String[] {"OBX", "14"});
            for (String[] source : order) {
                for (RawSegment s : segments.all(source[0])) {
                    String value = Er7Text.component(s.field(Integer.parseInt(source[1])), d, 1);
                    if (!value.isBlank()) {
                        return Hl7Timestamps.parse(value, settings.messageZone());
                    }
                }
            }
            return null;
        }

        private String studyInstanceUid() {
            for (RawSegment obx : segments.all("OBX")) {
                if (isStudyInstanceUid(obx)) {
                    String uid = text(Er7Text.component(obx.field(5), d, 1));
                    if (isUid(uid)) {
                        return uid;
                    }
                }
            }
            RawSegment zds = segments.first("ZDS");
            String uid = zds == null ? "" : text(Er7Text.component(zds.field(1), d, 1));
            return isUid(uid) ? uid : null;
        }

        private boolean isStudyInstanceUid(RawSegment obx) {
            String id = text(Er7Text.component(obx.field(3), d, 1));
            String label = text(Er7Text.component(obx.field(3), d, 2)).replace(" ", "");
            return id.equals("110180") || id.equalsIgnoreCase("StudyInstanceUID") || label.equalsIgnoreCase("StudyInstanceUID");
        }

        private static boolean isUid(String value) {
            return value.length() <= 64 && UID.matcher(value).matches();
        }

        /** Everything the message says about people, and the accession number, for scrubbing the text. */
        private PatientIdentity identity(String accession) {
            return Hl7IdentityReader.collect(segments, PatientIdentity.builder()).identifier(accession).build();
        }

        private String assigningAuthority(String hd) {
            String namespace = text(Er7Text.part(hd, d.subcomponent(), 1));
            return namespace.isEmpty() ? text(Er7Text.part(hd, d.subcomponent(), 2)) : namespace;
        }

        private String reportId(String facility, String application, String accession) {
            String name = "pacs-bridge.report|" + facility + "|" + application + "|" + accession;
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }

        private String text(String raw) {
            return Er7Text.decode(raw, d).trim();
        }

        private Hl7ContentException content(Hl7ErrorCode code, String reason, ErrorLocation location) {
            return new Hl7ContentException(new Hl7Error(code, reason, location), header);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
