package org.pacsbridge.dicomweb;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** DICOMweb STOW-RS ingest ({@code pacs.stow.*}); defaults in config/application.properties. */
@ConfigMapping(prefix = "pacs.stow")
public interface StowConfig {

    /** Whether {@code POST /dicomweb/studies} is served (404 otherwise). */
    boolean enabled();

    /** Whether a request needs the admin log-in (HTTP Basic) or the bearer token. */
    boolean authentication();

    /** A bearer token accepted besides the admin log-in; from a Secret, never logged. */
    Optional<String> token();

    /** Largest request body; a larger one is answered 413. */
    MemorySize maxRequestSize();

    /** Largest instance (part) of a request; a request with a larger one is answered 413. */
    MemorySize maxInstanceSize();
}
