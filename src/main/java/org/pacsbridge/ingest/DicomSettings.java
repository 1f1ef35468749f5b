package org.pacsbridge.ingest;

import java.time.Duration;
import java.util.Optional;

import org.pacsbridge.camel.dicom.DuplicatePolicy;
import org.pacsbridge.tls.TlsListenerSettings;

import io.smallrye.config.ConfigMapping;

/**
 * The {@code pacs.dicom.*} settings of the Storage SCP (defaults and comments in config/application.properties,
 * the README's configuration table). They become the defaults of the {@code dicom:} component.
 */
@ConfigMapping(prefix = "pacs.dicom")
public interface DicomSettings {

    /** The SCP's AE title, also the calling AE title of the forwarding SCU. */
    String aeTitle();

    int port();

    String bindHost();

    /** Comma-separated; none = any. */
    Optional<String> allowedCallingAeTitles();

    /** Comma-separated; none = any. */
    Optional<String> allowedRemoteAddresses();

    /** Comma-separated transfer syntax UIDs accepted for storage; none = every one the SCP knows. */
    Optional<String> transferSyntaxes();

    int maxAssociations();

    int maxPduLength();

    Duration artim();

    Duration associationRequestTimeout();

    Duration idleTimeout();

    Duration pduTimeout();

    Duration objectTimeout();

    long maxObjectSize();

    DuplicatePolicy duplicatePolicy();

    int concurrentConsumers();

    Duration retryDelay();

    int maxAttempts();

    Duration maxAge();

    /** DICOM TLS on a second port. */
    TlsListenerSettings tls();
}
