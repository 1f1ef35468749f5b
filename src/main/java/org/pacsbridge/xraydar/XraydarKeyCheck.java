package org.pacsbridge.xraydar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start an enrichment without its key: a node that would dead-letter every image for a
 * missing setting should say so at start-up instead.
 */
@ApplicationScoped
public class XraydarKeyCheck {

    @Inject
    XraydarConfig config;

    void check(@Observes StartupEvent event) {
        boolean enrichment = config.cv().enabled() || config.nlp().enabled();
        boolean keyed = config.apiKey().filter(k -> !k.isBlank()).isPresent() || config.apiKeyFile().isPresent();
        if (enrichment && !config.simulator().enabled() && !keyed) {
            throw new IllegalStateException("X-Raydar enrichment is on but no key is configured: set PACS_XRAYDAR_API_KEY "
                    + "(or pacs.xraydar.api-key-file for a mounted Secret), or turn the enrichment off with "
                    + "pacs.xraydar.cv.enabled=false and pacs.xraydar.nlp.enabled=false");
        }
    }
}
