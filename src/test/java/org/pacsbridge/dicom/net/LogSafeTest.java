package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void controlCharactersOfEveryKindBecomeQuestionMarks() {
        assertEquals("A??B?[31mC?D?E?F", LogSafe.text("A\r\nB\u001b[31mC\u0085D\u2028E\u202eF"));
        assertEquals("1.2.840.10008.1.1 PLAIN AE", LogSafe.text("1.2.840.10008.1.1 PLAIN AE"));
        assertEquals("null", LogSafe.text(null));
    }

    @Test
    void longTextIsCut() {
        String cut = LogSafe.text("9".repeat(10_000));
        assertEquals(LogSafe.MAX_LENGTH + 3, cut.length());
        assertTrue(cut.endsWith("..."));
    }
}
