package org.pacsbridge.ops.console;

import java.io.IOException;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.restrictor.RestrictorFactory;
import org.jolokia.server.core.service.api.LogHandler;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpServer;

/**
 * The node's one Jolokia endpoint ({@value #CONTEXT} on the console port): Jolokia's JVM agent
 * handler on the console's HTTP server, limited by an access policy and guarded by the console's
 * authenticator.
 */
final class JolokiaEndpoint {

    static final String CONTEXT = "/jolokia";

    private final JolokiaServer server;

    JolokiaEndpoint(HttpServer http, String policyLocation, Authenticator authenticator) {
        requirePolicy(policyLocation);
        Map<String, String> options = Map.of(
                "agentContext", CONTEXT,
                "agentDescription", "PACS Bridge",
                "policyLocation", policyLocation,
                "discoveryEnabled", "false",
                "allowErrorDetails", "false",
                "includeStackTrace", "false",
                "serializeException", "false",
                "allowDnsReverseLookup", "false");
        server = new JolokiaServer(http, new GuardedConfig(options, authenticator), new JolokiaLog());
    }

    void start() {
        server.start();
    }

    void stop() {
        server.stop();
    }

    // Jolokia allows everything when it finds no policy at the location: refuse to start instead.
    private static void requirePolicy(String location) {
        try {
            if (RestrictorFactory.lookupPolicyRestrictor(location) == null) {
                throw new IllegalStateException("No Jolokia access policy at " + location
                        + " (pacs.console.jolokia.policy-location)");
            }
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException("The Jolokia access policy at " + location + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Jolokia's agent configuration with the console's authenticator in place of its own. */
    private static final class GuardedConfig extends JolokiaServerConfig {

        private final Authenticator authenticator;

        GuardedConfig(Map<String, String> options, Authenticator authenticator) {
            super(options);
            this.authenticator = authenticator;
        }

        @Override
        public Authenticator getAuthenticator() {
            return authenticator;
        }
    }

    /** Jolokia's log lines in the node's log. */
    private static final class JolokiaLog implements LogHandler {

        private static final Logger LOG = Logger.getLogger("org.jolokia");

        @Override
        public void debug(String message) {
            LOG.debug(message);
        }

        @Override
        public void info(String message) {
            LOG.debug(message);
        }

        @Override
        public void error(String message, Throwable t) {
            LOG.error(message, t);
        }

        @Override
        public boolean isDebug() {
            return LOG.isDebugEnabled();
        }
    }
}
