package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

/** The per-version date formats, both ways. */
class TciaDatesTest {

    private static final LocalDate DAY = LocalDate.of(2023, 8, 7);

    @Test
    void requestFormats() {
        assertEquals("07/08/2023", TciaDates.NBIA_V1_FROM_DATE.format(DAY));
        assertEquals("2023/08/07", TciaDates.NBIA_V1_NEW_DATE.format(DAY));
        assertEquals("08-07-2023", TciaDates.NBIA_V4_DATE.format(DAY));
    }

    @Test
    void nbiaV1TimestampsWithAnyFraction() {
        TciaDates.AnswerStyle v1 = TciaDates.AnswerStyle.NBIA_V1;
        assertEquals(LocalDateTime.of(2021, 9, 16, 12, 49, 2), v1.parse("2021-09-16 12:49:02.0"));
        assertEquals(LocalDateTime.of(2021, 9, 16, 12, 49, 2, 123_000_000), v1.parse("2021-09-16 12:49:02.123"));
        assertEquals(LocalDateTime.of(2021, 9, 16, 12, 49, 2), v1.parse("2021-09-16 12:49:02"));
        assertEquals(LocalDateTime.of(2021, 9, 16, 0, 0), v1.parse("2021-09-16"));
        assertThrows(DateTimeParseException.class, () -> v1.parse("09-16-2021"));
        assertThrows(DateTimeParseException.class, () -> v1.parse("2021-02-30 00:00:00.0"));
    }

    @Test
    void nbiaV4MonthDayYearOnly() {
        TciaDates.AnswerStyle v4 = TciaDates.AnswerStyle.NBIA_V4;
        assertEquals(DAY.atStartOfDay(), v4.parse("08-07-2023"));
        assertThrows(DateTimeParseException.class, () -> v4.parse("2023-08-07"));
        assertThrows(DateTimeParseException.class, () -> v4.parse("13-01-2023"));
    }

    @Test
    void theV2InterfaceAcceptsTheFamilysFormats() {
        TciaDates.AnswerStyle v2 = TciaDates.AnswerStyle.V2;
        assertEquals(DAY.atStartOfDay(), v2.parse("2023-08-07"));
        assertEquals(DAY.atStartOfDay(), v2.parse("08-07-2023"));
        assertEquals(DAY.atStartOfDay(), v2.parse("20230807"));
        assertEquals(DAY.atTime(10, 0), v2.parse("2023-08-07 10:00:00.0"));
        assertThrows(DateTimeParseException.class, () -> v2.parse("7 Aug 2023"));
    }
}
