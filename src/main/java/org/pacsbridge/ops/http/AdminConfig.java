package org.pacsbridge.ops.http;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The admin endpoints' log-in ({@code pacs.admin.*}); defaults in config/application.properties. */
@ConfigMapping(prefix = "pacs.admin")
public interface AdminConfig {

    /** HTTP Basic on the {@link RequiresLogin.Area#ADMIN} resources. */
    boolean authentication();

    String user();

    /** From a Secret; never logged. */
    Optional<String> password();
}
