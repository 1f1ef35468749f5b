package org.pacsbridge.ops.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console port's settings ({@code pacs.console.*}): where Jolokia and the embedded Hawtio
 * console listen, and who may use them.
 */
@ApplicationScoped
public class ConsoleSettings {

    @ConfigProperty(name = "pacs.console.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "pacs.console.host", defaultValue = "127.0.0.1")
    String host;

    @ConfigProperty(name = "pacs.console.port", defaultValue = "8778")
    int port;

    @ConfigProperty(name = "pacs.console.hawtio.enabled", defaultValue = "true")
    boolean hawtioEnabled;

    @ConfigProperty(name = "pacs.console.authentication", defaultValue = "true")
    boolean authentication;

    @ConfigProperty(name = "pacs.console.user", defaultValue = "operator")
    String user;

    @ConfigProperty(name = "pacs.console.password")
    Optional<String> password;

    @ConfigProperty(name = "pacs.console.session-timeout", defaultValue = "30m")
    Duration sessionTimeout;

    @ConfigProperty(name = "pacs.console.allowed-origins")
    Optional<List<String>> allowedOrigins;

    @ConfigProperty(name = "pacs.console.jolokia.policy-location",
            defaultValue = "classpath:/org/pacsbridge/ops/console/jolokia-access.xml")
    String policyLocation;

    public boolean enabled() {
        return enabled;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean hawtioEnabled() {
        return hawtioEnabled;
    }

    public boolean authentication() {
        return authentication;
    }

    public String user() {
        return user;
    }

    public Optional<String> password() {
        return password.filter(p -> !p.isBlank());
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** Origins besides the console's own whose browser requests are accepted. */
    public List<String> allowedOrigins() {
        return allowedOrigins.orElse(List.of());
    }

    public String policyLocation() {
        return policyLocation;
    }

    /** Whether {@link #host()} is a loopback address (only such a bind may go without authentication). */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
