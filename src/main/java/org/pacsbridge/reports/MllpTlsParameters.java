package org.pacsbridge.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.support.jsse.SSLContextParameters;
import org.pacsbridge.camel.tls.TlsContextParameters;

/**
 * The TLS of the MLLP listener's second port ({@code pacs.mllp.tls.*}), as camel-mllp takes it: its endpoint
 * option {@code sslContextParameters} ({@code #mllpTlsParameters} in routes/reports-mllp.yaml). Built from the same
 * settings shape and by the same code as DICOM TLS (TLS 1.3/1.2 only, BCP 195 cipher suites). While the listener
 * is off the bean is empty and never used.
 */
@ApplicationScoped
public class MllpTlsParameters {

    static final String PREFIX = "pacs.mllp.tls";

    @Produces
    @Singleton
    @Named("mllpTlsParameters")
    public SSLContextParameters mllpTlsParameters(MllpTlsSettings settings) {
        if (!settings.enabled()) {
            return new SSLContextParameters();
        }
        return TlsContextParameters.of(settings.serverConfig(PREFIX));
    }
}
