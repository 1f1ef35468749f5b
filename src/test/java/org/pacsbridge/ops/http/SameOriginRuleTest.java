package org.pacsbridge.ops.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The same-origin rule and the Retry-After rounding, without a server. */
class SameOriginRuleTest {

    private static final URI NODE = URI.create("http://node-0.example:8080/admin/deadletters/replay");
    private static final URI NODE_TLS = URI.create("https://node-0.example/admin/tcia/sync");

    @Test
    void theNodesOwnOriginPasses() {
        assertTrue(SameOriginRule.allows(NODE, "http://node-0.example:8080", null));
        assertTrue(SameOriginRule.allows(NODE, "HTTP://Node-0.Example:8080", null));
        assertTrue(SameOriginRule.allows(NODE, null, "http://node-0.example:8080/findings?x=1"));
        assertTrue(SameOriginRule.allows(NODE_TLS, "https://node-0.example:443", null), "default port written out");
        assertTrue(SameOriginRule.allows(NODE, null, null), "no browser page behind the request");
    }

    @Test
    void anyOtherOriginIsRefused() {
        assertFalse(SameOriginRule.allows(NODE, "http://evil.example", null));
        assertFalse(SameOriginRule.allows(NODE, "http://node-0.example:8081", null), "other port");
        assertFalse(SameOriginRule.allows(NODE, "https://node-0.example:8080", null), "other scheme");
        assertFalse(SameOriginRule.allows(NODE, "http://node-0.example", null), "port 80 is not 8080");
        assertFalse(SameOriginRule.allows(NODE, "http://node-0.example:8080.evil.example", null));
        assertFalse(SameOriginRule.allows(NODE, "http://node-0.example.evil.example:8080", null));
        assertFalse(SameOriginRule.allows(NODE, "null", null), "opaque origin");
        assertFalse(SameOriginRule.allows(NODE, "not a url", null));
        assertFalse(SameOriginRule.allows(NODE, "http://evil.example", "http://node-0.example:8080/"),
                "Origin decides when present");
        assertFalse(SameOriginRule.allows(NODE, null, "http://evil.example/page"));
    }

    @Test
    void onlyStateChangingMethodsAreChecked() {
        assertFalse(SameOriginRule.isStateChanging("GET"));
        assertFalse(SameOriginRule.isStateChanging("head"));
        assertTrue(SameOriginRule.isStateChanging("POST"));
        assertTrue(SameOriginRule.isStateChanging("DELETE"));
        assertTrue(SameOriginRule.isStateChanging("PUT"));
        assertTrue(SameOriginRule.isStateChanging("PATCH"));
    }

    @Test
    void retryAfterIsRoundedUp() {
        assertEquals(2, OperatorAccessFilter.wholeSecondsUp(Duration.ofMillis(1999)));
        assertEquals(2, OperatorAccessFilter.wholeSecondsUp(Duration.ofSeconds(2)));
        assertEquals(1, OperatorAccessFilter.wholeSecondsUp(Duration.ofMillis(1)));
    }
}
