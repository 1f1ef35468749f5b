package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pacsbridge.xraydar.XraydarException.Kind;

class XraydarExceptionTest {

    @Test
    void classifiesKindsAsTheContractSays() {
        Set<Kind> transientKinds = EnumSet.of(Kind.TIMEOUT, Kind.CONNECTION, Kind.SERVER_ERROR, Kind.RATE_LIMITED,
                Kind.CIRCUIT_OPEN, Kind.BULKHEAD_FULL);
        for (Kind kind : Kind.values()) {
            assertEquals(transientKinds.contains(kind), new XraydarException(kind, "x").isTransient(), kind.name());
        }
    }

    @Test
    void excerptIsShortAndFreeOfControlCharacters() {
        String body = "line one\r\nline\ttwo\u0000\u001b[31m" + "x".repeat(1000);
        XraydarException e = new XraydarException(Kind.CLIENT_ERROR, "m", 400, body, null, null);
        assertTrue(e.bodyExcerpt().length() <= 300);
        assertTrue(e.bodyExcerpt().startsWith("line one line two [31mxxx"), e.bodyExcerpt());
        assertTrue(e.bodyExcerpt().chars().noneMatch(Character::isISOControl));
        assertEquals(400, e.httpStatus().getAsInt());
        assertEquals("", new XraydarException(Kind.TIMEOUT, "m").bodyExcerpt());
        assertTrue(new XraydarException(Kind.TIMEOUT, "m").httpStatus().isEmpty());
    }

    @Test
    void messageMentionsAttemptsOnceSet() {
        XraydarException e = new XraydarException(Kind.SERVER_ERROR, "X-Raydar cv failed (HTTP 503)", 503, "", 
                Duration.ofSeconds(2), null);
        assertEquals("X-Raydar cv failed (HTTP 503)", e.getMessage());
        e.withAttempts(3);
        assertEquals(3, e.attempts());
        assertEquals("X-Raydar cv failed (HTTP 503) (3 attempts)", e.getMessage());
        assertEquals(Duration.ofSeconds(2), e.retryAfter().orElseThrow());
        assertFalse(new XraydarException(Kind.CONTRACT, "m").retryAfter().isPresent());
    }
}
