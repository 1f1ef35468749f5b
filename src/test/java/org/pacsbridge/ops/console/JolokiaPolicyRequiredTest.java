package org.pacsbridge.ops.console;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Jolokia allows everything when it finds no policy; the node must not start like that. */
class JolokiaPolicyRequiredTest {

    @Test
    void aMissingPolicyStopsTheStart() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> new JolokiaEndpoint(http, "classpath:/org/pacsbridge/ops/console/no-such-policy.xml", null));
            assertTrue(missing.getMessage().contains("pacs.console.jolokia.policy-location"), missing.getMessage());
        } finally {
            http.stop(0);
        }
    }
}
