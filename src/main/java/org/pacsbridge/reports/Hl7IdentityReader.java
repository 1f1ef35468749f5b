package org.pacsbridge.reports;

import java.util.List;
import java.util.function.Consumer;
import org.pacsbridge.reports.MessageSegments.RawSegment;

/**
 * Collects from an HL7 message every value that names or identifies a person, for
 * {@link ReportTextScrubber}: patient (PID), relatives and contacts (NK1), doctors and staff (PD1,
 * PV1, ORC, OBR, TXA, OBX), and the order and document numbers (ORC, OBR, TXA, PV1). Every
 * repetition of a field is read; components and subcomponents are split with the message's own
 * delimiters before escape sequences are decoded, so an escaped {@code ^} stays part of a name.
 */
final class Hl7IdentityReader {

    /** How to read a field of a given HL7 data type into the identity. */
    private enum Kind {
        /** XPN: family name (every FN subcomponent), given name, further given names. */
        PERSON_NAME,
        /** XCN: ID number, then family, given and further given names. */
        STAFF_NAME,
        /** NDL: its first component is a CNN (ID&family&given&middle). */
        STAFF_NAME_WITH_DATES,
        /** CX, EI, ST, DLN: the first component. */
        IDENTIFIER,
        /** DT/TS/DTM: a date. */
        DATE,
        /** XAD: street (SAD subcomponents), other designation, city, state, postcode, other geography, county. */
        ADDRESS,
        /** XTN: number as written, e-mail, area code with local number, unformatted number. */
        PHONE
    }

    private record Source(String segment, Kind kind, int... fields) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("PID", Kind.PERSON_NAME, 5, 6, 9),
            new Source("PID", Kind.IDENTIFIER, 2, 3, 4, 18, 19, 20, 21),
            new Source("PID", Kind.DATE, 7, 29),
            new Source("PID", Kind.ADDRESS, 11),
            new Source("PID", Kind.PHONE, 13, 14),
            new Source("PD1", Kind.STAFF_NAME, 4),
            new Source("NK1", Kind.PERSON_NAME, 2, 30),
            new Source("NK1", Kind.ADDRESS, 4, 32),
            new Source("NK1", Kind.PHONE, 5, 6, 31, 40),
            new Source("NK1", Kind.IDENTIFIER, 33, 37),
            new Source("NK1", Kind.DATE, 16),
            new Source("PV1", Kind.STAFF_NAME, 7, 8, 9, 17, 52),
            new Source("PV1", Kind.IDENTIFIER, 19, 50),
            new Source("ORC", Kind.IDENTIFIER, 2, 3, 4),
            new Source("ORC", Kind.STAFF_NAME, 10, 11, 12, 19),
            new Source("ORC", Kind.PHONE, 14, 23),
            new Source("ORC", Kind.ADDRESS, 22, 24),
            new Source("OBR", Kind.IDENTIFIER, 2, 3, 18, 19, 20, 21),
            new Source("OBR", Kind.STAFF_NAME, 10, 16, 28),
            new Source("OBR", Kind.PHONE, 17),
            new Source("OBR", Kind.STAFF_NAME_WITH_DATES, 32, 33, 34, 35),
            new Source("TXA", Kind.IDENTIFIER, 12, 13, 14, 15, 16),
            new Source("TXA", Kind.STAFF_NAME, 5, 9, 10, 11, 22),
            new Source("OBX", Kind.STAFF_NAME, 16, 25));

    private final Delimiters d;
    private final PatientIdentity.Builder identity;

    private Hl7IdentityReader(Delimiters d, PatientIdentity.Builder identity) {
        this.d = d;
        this.identity = identity;
    }

    /** Adds what {@code segments} say about people to {@code identity}. */
    static PatientIdentity.Builder collect(MessageSegments segments, PatientIdentity.Builder identity) {
        Hl7IdentityReader reader = new Hl7IdentityReader(segments.delimiters(), identity);
        for (Source source : SOURCES) {
            for (RawSegment segment : segments.all(source.segment())) {
                for (int field : source.fields()) {
                    for (String repetition : Er7Text.split(segment.field(field), reader.d.repetition())) {
                        reader.read(source.kind(), repetition);
                    }
                }
            }
        }
        return identity;
    }

    private void read(Kind kind, String value) {
        if (value.isEmpty()) {
            return;
        }
        switch (kind) {
            case PERSON_NAME -> {
                family(component(value, 1));
                identity.name(text(component(value, 2))).name(text(component(value, 3)));
            }
            case STAFF_NAME -> {
                identity.identifier(text(component(value, 1)));
                family(component(value, 2));
                identity.name(text(component(value, 3))).name(text(component(value, 4)));
            }
            case STAFF_NAME_WITH_DATES -> {
                String cnn = component(value, 1);
                identity.identifier(text(sub(cnn, 1)));
                each(cnn, new int[] {2, 3, 4}, part -> identity.name(text(part)));
            }
            case IDENTIFIER -> identity.identifier(text(component(value, 1)));
            case DATE -> identity.date(Hl7Timestamps.date(text(component(value, 1))));
            case ADDRESS -> {
                String street = component(value, 1);
                each(street, new int[] {1, 2, 3}, part -> identity.address(text(part)));
                for (int c : new int[] {2, 3, 4, 5, 8, 9}) {
                    identity.address(text(component(value, c)));
                }
            }
            case PHONE -> {
                identity.phone(text(component(value, 1))).email(text(component(value, 4)));
                String area = text(component(value, 6));
                String local = text(component(value, 7));
                identity.phone(local).phone(area.isEmpty() || local.isEmpty() ? "" : area + " " + local);
                identity.phone(text(component(value, 12)));
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** FN: every subcomponent (surname, prefixes, own surname, partner's surname): senders fill them loosely. */
    private void family(String fn) {
        each(fn, new int[] {1, 2, 3, 4, 5}, part -> identity.name(text(part)));
    }

    private void each(String value, int[] subcomponents, Consumer<String> action) {
        for (int i : subcomponents) {
            action.accept(sub(value, i));
        }
    }

    private String component(String repetition, int index) {
        return Er7Text.part(repetition, d.component(), index);
    }

    private String sub(String component, int index) {
        return Er7Text.part(component, d.subcomponent(), index);
    }

    private String text(String raw) {
        return Er7Text.decode(raw, d).strip();
    }
}
