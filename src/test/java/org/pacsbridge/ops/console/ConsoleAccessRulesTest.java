package org.pacsbridge.ops.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The console port's rules that need no running node: when it opens, sessions, throttling, origins. */
class ConsoleAccessRulesTest {

    @Test
    void withoutAuthenticationOnlyOnLoopback() {
        assertTrue(ConsoleStartRule.decide(true, false, true, false, "127.0.0.1").open());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ConsoleStartRule.decide(true, false, false, true, "0.0.0.0"));
        assertTrue(refused.getMessage().contains("pacs.console.authentication"), refused.getMessage());
    }

    @Test
    void withAuthenticationButNoPasswordThePortStaysClosed() {
        ConsoleStartRule.Decision decision = ConsoleStartRule.decide(true, true, false, false, "0.0.0.0");
        assertFalse(decision.open());
        assertTrue(decision.reason().contains("PACS_CONSOLE_PASSWORD"), decision.reason());
        assertTrue(ConsoleStartRule.decide(true, true, false, true, "0.0.0.0").open());
        assertFalse(ConsoleStartRule.decide(false, true, true, true, "127.0.0.1").open());
    }

    @Test
    void credentialsMustMatchBoth() {
        ConsoleCredentials credentials = new ConsoleCredentials("operator", "s3cret-pass");
        assertTrue(credentials.matches("operator", "s3cret-pass"));
        assertFalse(credentials.matches("operator", "s3cret-pasS"));
        assertFalse(credentials.matches("Operator", "s3cret-pass"));
        assertFalse(credentials.matches("operator", null));
        assertFalse(credentials.matches(null, "s3cret-pass"));
    }

    @Test
    void sessionsEndAfterIdleTimeoutAndOnLogout() {
        MutableClock clock = new MutableClock();
        ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), clock);
        String token = sessions.open("operator");
        String other = sessions.open("operator");
        assertNotEquals(token, other);
        assertTrue(token.length() >= 40, "256 random bits");

        clock.advance(Duration.ofMinutes(29));
        assertEquals("operator", sessions.user(token).orElseThrow(), "used within the timeout");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.user(token).isPresent(), "each use extends the session");
        assertTrue(sessions.user(other).isEmpty(), "unused for 58 minutes");

        sessions.close(token);
        assertTrue(sessions.user(token).isEmpty());
        assertTrue(sessions.user("made-up").isEmpty());
        assertTrue(sessions.user(null).isEmpty());
    }

    @Test
    void repeatedWrongPasswordsMakeTheAddressWait() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.9");
            assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.9"), "failure " + i + " is free");
        }
        throttle.failed("10.0.0.9");
        assertEquals(LoginThrottle.FIRST_WAIT, throttle.waitFor("10.0.0.9"));
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.10"), "other addresses are not affected");

        clock.advance(LoginThrottle.FIRST_WAIT);
        throttle.failed("10.0.0.9");
        assertEquals(LoginThrottle.FIRST_WAIT.multipliedBy(2), throttle.waitFor("10.0.0.9"), "doubles");
        for (int i = 0; i < 30; i++) {
            throttle.failed("10.0.0.9");
        }
        assertEquals(LoginThrottle.MAX_WAIT, throttle.waitFor("10.0.0.9"), "capped");

        throttle.succeeded("10.0.0.9");
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.9"));
    }

    @Test
    void browserRequestsOnlyFromTheConsolesOwnOrAllowedOrigins() {
        OriginCheck sameOriginOnly = new OriginCheck(List.of());
        assertTrue(sameOriginOnly.allows(null, "node-0:8778"), "no Origin: not a cross-origin browser request");
        assertTrue(sameOriginOnly.allows("http://node-0:8778", "node-0:8778"));
        assertTrue(sameOriginOnly.allows("HTTP://Node-0:8778", "node-0:8778"));
        assertFalse(sameOriginOnly.allows("http://evil.example", "node-0:8778"));
        assertFalse(sameOriginOnly.allows("http://node-0:8080", "node-0:8778"), "another port is another origin");
        assertFalse(sameOriginOnly.allows("null", "node-0:8778"));

        OriginCheck hawtioOnline = new OriginCheck(List.of(" https://hawtio.example.org "));
        assertTrue(hawtioOnline.allows("https://hawtio.example.org", "node-0:8778"));
        assertFalse(hawtioOnline.allows("https://other.example.org", "node-0:8778"));
        assertTrue(new OriginCheck(List.of("*")).allows("https://any.example", "node-0:8778"));
    }
}
