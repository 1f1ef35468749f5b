package org.pacsbridge.reports;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Builds original-mode acknowledgments (ACK) as ER7 text with CR segment separators.
 *
 * <p>The ACK uses the original's field separator and encoding characters, swaps its sending and
 * receiving application/facility, echoes its processing id, version and (in MSA-2) control id, and
 * carries a new timestamp and control id. For AE and AR, MSA-3 holds the reason and an ERR segment
 * the error: ERR-1 ({@code segment^sequence^field^code&text&HL70357}) before v2.5, ERR-2/3/4 (and the
 * reason in ERR-8) from v2.5 on. When the original header is unknown (the message was not readable
 * HL7), a v2.5 ACK with default delimiters is built.
 *
 * <h2>MSH-15 and MSH-16</h2>
 * The node acknowledges in original mode: when both fields are empty, every message gets one ACK
 * (AA, AE or AR). When a sender fills MSH-15 the node honours it through
 * {@link #acceptAckWanted(MessageHeader, AckCode)} (AL always, NE never, ER only on error, SU only on
 * success), still answering with the original-mode codes that MLLP senders expect. MSH-16 is not
 * acted on: the node never sends a separate application acknowledgment, as it has already
 * answered on the connection the message arrived on.
 */
public final class AckBuilder {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ", Locale.ROOT);
    private static final String DEFAULT_VERSION = "2.5";

    private final Clock clock;
    private final Supplier<String> controlIds;

    /** System clock; random 16-hex-digit control ids. */
    public AckBuilder() {
        this(Clock.systemDefaultZone(), () -> String.format(Locale.ROOT, "%016X", ThreadLocalRandom.current().nextLong()));
    }

    /** @param controlIds new MSH-10 values; at most 20 characters, the ST length of MSH-10 up to v2.5.1 */
    public AckBuilder(Clock clock, Supplier<String> controlIds) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.controlIds = Objects.requireNonNull(controlIds, "controlIds");
    }

    /** The ACK for {@code exception}: its code, its error and the header it carries (if any). */
    public String build(Hl7MessageException exception) {
        return build(exception.header(), exception.ackCode(), exception.error());
    }

    /**
     * @param original the received message's header; null when it could not be read, which forces AR
     * @param code     AA, AE or AR
     * @param error    the error for AE and AR; null for AA
     */
    public String build(MessageHeader original, AckCode code, Hl7Error error) {
        Objects.requireNonNull(code, "code");
        if (code != AckCode.AA && error == null) {
            throw new IllegalArgumentException(code + " needs an error");
        }
        if (original == null && code != AckCode.AR) {
            code = AckCode.AR;
            if (error == null) {
                error = new Hl7Error(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "message header unreadable");
            }
        }
        Delimiters d = original == null ? Delimiters.DEFAULT : original.delimiters();
        String version = original == null || original.versionId().isEmpty() ? DEFAULT_VERSION : original.versionId();
        Segment msh = new Segment("MSH", d);
        msh.set(2, d.encodingCharacters());
        if (original != null) {
            msh.set(3, original.receivingApplication());
            msh.set(4, original.receivingFacility());
            msh.set(5, original.sendingApplication());
            msh.set(6, original.sendingFacility());
        }
        msh.set(7, ZonedDateTime.now(clock).format(TIMESTAMP));
        msh.set(9, messageType(original == null ? "" : original.triggerEvent(), version, d));
        msh.set(10, Er7Text.escape(controlIds.get(), d));
        msh.set(11, original == null || original.processingId().isEmpty() ? "P" : original.processingId());
        msh.set(12, Er7Text.escape(version, d));

        Segment msa = new Segment("MSA", d);
        msa.set(1, code.name());
        msa.set(2, original == null ? "" : original.messageControlId());
        StringBuilder ack = new StringBuilder(msh.text()).append('\r');
        if (error != null && code != AckCode.AA) {
            msa.set(3, Er7Text.escape(shorten(error.reason(), 80), d));
            ack.append(msa.text()).append('\r').append(err(error, version, d).text()).append('\r');
        } else {
            ack.append(msa.text()).append('\r');
        }
        return ack.toString();
    }

    /**
     * Whether the sender asked for an acknowledgment with this outcome (MSH-15, table 0155): empty
     * or AL always, NE never, ER for AE and AR only, SU for AA only. An unknown value counts as AL.
     * A null header (unreadable message) is always answered.
     */
    public boolean acceptAckWanted(MessageHeader header, AckCode outcome) {
        if (header == null) {
            return true;
        }
        return switch (header.acceptAckType()) {
            case "NE" -> false;
            case "ER" -> outcome != AckCode.AA;
            case "SU" -> outcome == AckCode.AA;
            default -> true;
        };
    }

    /**
     * Whether the sender wants any acknowledgment at all: false only for MSH-15 = NE. For ER and SU
     * the answer depends on the outcome; use {@link #acceptAckWanted(MessageHeader, AckCode)}.
     */
    public boolean acceptAckWanted(MessageHeader header) {
        return header == null || !header.acceptAckType().equals("NE");
    }

    /** ACK^trigger from v2.3 on, plus the structure ACK from v2.3.1 on (MSH-9.3 did not exist before). */
    private static String messageType(String trigger, String version, Delimiters d) {
        boolean hasStructure = !(version.equals("2.3") || isBefore(version, 2, 3));
        String type = trigger.isEmpty() && !hasStructure ? "ACK" : "ACK" + d.component() + Er7Text.escape(trigger, d);
        return hasStructure ? type + d.component() + "ACK" : type;
    }

    private static Segment err(Hl7Error error, String version, Delimiters d) {
        Segment err = new Segment("ERR", d);
        ErrorLocation location = error.location();
        Hl7ErrorCode code = error.code();
        if (isBefore(version, 2, 5)) {
            char sub = d.subcomponent();
            String codeCe = code.code() + "" + sub + Er7Text.escape(code.text(), d) + sub + Hl7ErrorCode.CODING_SYSTEM;
            err.set(1, location(location, d) + d.component() + codeCe);
        } else {
            err.set(2, location == null ? "" : location(location, d));
            err.set(3, code.code() + "" + d.component() + Er7Text.escape(code.text(), d) + d.component() + Hl7ErrorCode.CODING_SYSTEM);
            err.set(4, "E");
            err.set(8, Er7Text.escape(shorten(error.reason(), 250), d));
        }
        return err;
    }

    /** segment^sequence^field, the first three components of both ELD (ERR-1) and ERL (ERR-2). */
    private static String location(ErrorLocation location, Delimiters d) {
        if (location == null) {
            return "" + d.component() + d.component();
        }
        return location.segment() + d.component() + location.sequence() + d.component()
                + (location.field() == 0 ? "" : String.valueOf(location.field()));
    }

    private static boolean isBefore(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        if (parts.length == 0) {
            return false; // "." or "..": no number to compare, read like any other unparseable version
        }
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma < major || ma == major && mi < minor;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** A segment being written: fields by number, joined with the field separator. */
    private static final class Segment {
        private final String id;
        private final Delimiters d;
        private final String[] fields = new String[21];
        private int last;

        Segment(String id, Delimiters d) {
            this.id = id;
            this.d = d;
        }

        void set(int number, String value) {
            fields[number] = value;
            last = Math.max(last, number);
        }

        String text() {
            StringBuilder text = new StringBuilder(id);
            // MSH-1 is the separator itself, so MSH-2 follows it directly
            int first = id.equals("MSH") ? 2 : 1;
            for (int n = first; n <= last; n++) {
                text.append(d.field()).append(fields[n] == null ? "" : fields[n]);
            }
            return text.toString();
        }
    }
}
