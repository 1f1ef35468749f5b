package org.pacsbridge.results.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.support.jsse.SSLContextParameters;
import org.pacsbridge.camel.tls.TlsClientContextParameters;
import org.pacsbridge.camel.tls.TlsClientContextParameters.Store;

/**
 * The TLS of the ORU connection to the RIS ({@code pacs.results.hl7.tls.*}), as camel-mllp's producer takes it:
 * its endpoint option {@code sslContextParameters=#resultsHl7TlsParameters}, set by {@link FindingsOruSender}
 * only while TLS is on.
 */
@ApplicationScoped
public class ResultsHl7TlsParameters {

    static final String NAME = "resultsHl7TlsParameters";
    static final String PREFIX = "pacs.results.hl7.tls";

    @Produces
    @Singleton
    @Named(NAME)
    SSLContextParameters resultsHl7TlsParameters(ResultsSettings settings) {
        ResultsSettings.ClientTls tls = settings.hl7().tls();
        return tls.enabled() ? of(tls) : new SSLContextParameters();
    }

    /** @throws IllegalStateException naming the setting when a store cannot be read or lacks its password */
    static SSLContextParameters of(ResultsSettings.ClientTls tls) {
        Store trust = tls.trustStore().filter(s -> !s.isBlank())
                .map(s -> new Store(s, tls.trustStoreType(), tls.trustStorePassword().orElse(null))).orElse(null);
        Store key = tls.keyStore().filter(s -> !s.isBlank())
                .map(s -> new Store(s, tls.keyStoreType(), tls.keyStorePassword().orElse(null))).orElse(null);
        return TlsClientContextParameters.of(PREFIX, trust, key);
    }
}
