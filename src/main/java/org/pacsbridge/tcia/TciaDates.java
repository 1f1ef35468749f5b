package org.pacsbridge.tcia;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * The date formats of the TCIA interfaces, which differ per version and per endpoint.
 *
 * <p>Sent: NBIA v1/v2 {@code getUpdatedSeries?fromDate=dd/MM/yyyy}, {@code New*?Date=yyyy/MM/dd};
 * NBIA v4 {@code fromDate=MM-dd-yyyy} everywhere. Received: NBIA v1/v2 timestamps
 * {@code yyyy-MM-dd HH:mm:ss.S} (fraction of any length), NBIA v4 {@code MM-dd-yyyy}; the
 * series-metadata answer {@code "Study Date"} is {@code MM-dd-yyyy} in every version. The v2
 * interface does not document its date format: ISO dates, the NBIA v1 timestamps and
 * {@code MM-dd-yyyy} are accepted there.
 */
final class TciaDates {

    static final DateTimeFormatter NBIA_V1_FROM_DATE = strict("dd/MM/uuuu");
    static final DateTimeFormatter NBIA_V1_NEW_DATE = strict("uuuu/MM/dd");
    static final DateTimeFormatter NBIA_V4_DATE = strict("MM-dd-uuuu");

    /** {@code yyyy-MM-dd HH:mm:ss.S}, as {@code java.sql.Timestamp} prints; the time part may be absent. */
    static final DateTimeFormatter NBIA_V1_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter COMPACT_DATE = strict("uuuuMMdd");

    /** How an interface writes dates in its answers. */
    enum AnswerStyle {
        NBIA_V1(List.of(NBIA_V1_TIMESTAMP)),
        NBIA_V4(List.of(NBIA_V4_DATE)),
        V2(List.of(NBIA_V1_TIMESTAMP, NBIA_V4_DATE, COMPACT_DATE));

        private final List<DateTimeFormatter> formats;

        AnswerStyle(List<DateTimeFormatter> formats) {
            this.formats = formats;
        }

        /** Parses with the first format that fits; a date without time is at midnight. */
        LocalDateTime parse(String value) throws DateTimeParseException {
            DateTimeParseException first = null;
            for (DateTimeFormatter format : formats) {
                try {
                    var parsed = format.parse(value.strip());
                    return parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.from(parsed)
                            : LocalDate.from(parsed).atStartOfDay();
                } catch (DateTimeParseException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            throw first;
        }

        String expected() {
            return switch (this) {
                case NBIA_V1 -> "yyyy-MM-dd HH:mm:ss.S";
                case NBIA_V4 -> "MM-DD-YYYY";
                case V2 -> "yyyy-MM-dd[ HH:mm:ss.S], MM-DD-YYYY or yyyyMMdd";
            };
        }
    }

    private TciaDates() {
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }
}
