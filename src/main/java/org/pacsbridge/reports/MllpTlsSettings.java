package org.pacsbridge.reports;

import org.pacsbridge.tls.TlsListenerSettings;

import io.smallrye.config.ConfigMapping;

/** The {@code pacs.mllp.tls.*} settings: the MLLP listener's second, TLS-only port, the same shape as DICOM's. */
@ConfigMapping(prefix = "pacs.mllp.tls")
public interface MllpTlsSettings extends TlsListenerSettings {
}
