package org.pacsbridge.ops.console;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The console port's settings ({@code pacs.console.*}): where Jolokia and the embedded Hawtio
 * console listen, and who may use them. Defaults in config/application.properties.
 */
@ConfigMapping(prefix = "pacs.console")
public interface ConsoleSettings {

    boolean enabled();

    String host();

    int port();

    Hawtio hawtio();

    boolean authentication();

    String user();

    /** From a Secret; never logged. */
    Optional<String> password();

    Duration sessionTimeout();

    /** Origins besides the console's own whose browser requests are accepted. */
    Optional<List<String>> allowedOrigins();

    Jolokia jolokia();

    /** {@code pacs.console.hawtio.*}. */
    interface Hawtio {
        boolean enabled();
    }

    /** {@code pacs.console.jolokia.*}. */
    interface Jolokia {
        String policyLocation();
    }
}
