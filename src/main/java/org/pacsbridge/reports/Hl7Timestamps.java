package org.pacsbridge.reports;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v2 TS/DTM values: {@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}, optionally followed by
 * the degree-of-precision component of v2.3 TS, which is ignored.
 */
final class Hl7Timestamps {

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");

    private Hl7Timestamps() {
    }

    /** The timestamp, in {@code zone} when it carries no offset; null when empty or invalid. */
    static OffsetDateTime parse(String value, ZoneId zone) {
        Matcher m = DTM.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), number(m.group(2), 1), number(m.group(3), 1),
                    number(m.group(4), 0), number(m.group(5), 0), number(m.group(6), 0), nanos);
            if (m.group(8) != null) {
                String offset = m.group(8);
                return local.atOffset(ZoneOffset.ofHoursMinutes(Integer.parseInt(offset.substring(0, 3)),
                        Integer.parseInt(offset.charAt(0) + offset.substring(3))));
            }
            return local.atZone(zone).toOffsetDateTime();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** A birth date (first eight digits of PID-7); null when absent or invalid. */
    static LocalDate date(String value) {
        String digits = value.trim();
        if (digits.length() < 8 || !digits.substring(0, 8).chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int number(String digits, int absent) {
        return digits == null ? absent : Integer.parseInt(digits);
    }
}
