package org.pacsbridge.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.pacsbridge.camel.dicom.DicomComponent;
import org.pacsbridge.camel.dicom.DicomConfiguration;
import org.pacsbridge.camel.tls.TlsContextParameters;
import org.pacsbridge.home.NodeHome;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The node's {@code dicom:} component: its endpoints' defaults from {@link DicomSettings} and {@link SpoolSettings},
 * the node's meter registry, and relative spool paths resolved against the node's home. Routes name only the
 * endpoint's path (routes/dicom-ingest.yaml).
 */
@ApplicationScoped
public class DicomComponentSetup {

    static final String TLS_PREFIX = "pacs.dicom.tls";

    @Produces
    @Singleton
    @Named("dicom")
    DicomComponent dicom(DicomSettings dicom, SpoolSettings spool, MeterRegistry meterRegistry) {
        DicomComponent component = new DicomComponent();
        component.setConfiguration(configuration(dicom, spool));
        component.setMeterRegistry(meterRegistry);
        component.setSpoolBaseDirectory(NodeHome.current().toString());
        return component;
    }

    static DicomConfiguration configuration(DicomSettings dicom, SpoolSettings spool) {
        DicomConfiguration c = new DicomConfiguration();
        c.setSpoolDir(spool.dir());
        c.setMinFreeSpace(spool.minFreeSpace());
        c.setSpoolSync(spool.sync());
        c.setAllowedCallingAeTitles(dicom.allowedCallingAeTitles().orElse(""));
        c.setAllowedRemoteAddresses(dicom.allowedRemoteAddresses().orElse(""));
        c.setTransferSyntaxes(dicom.transferSyntaxes().orElse(""));
        c.setMaxAssociations(dicom.maxAssociations());
        c.setMaxPduLength(dicom.maxPduLength());
        c.setArtim(dicom.artim());
        c.setAssociationRequestTimeout(dicom.associationRequestTimeout());
        c.setIdleTimeout(dicom.idleTimeout());
        c.setPduTimeout(dicom.pduTimeout());
        c.setObjectTimeout(dicom.objectTimeout());
        c.setMaxObjectSize(dicom.maxObjectSize());
        c.setDuplicatePolicy(dicom.duplicatePolicy());
        c.setConcurrentConsumers(dicom.concurrentConsumers());
        c.setRetryDelay(dicom.retryDelay());
        c.setMaxAttempts(dicom.maxAttempts());
        c.setMaxAge(dicom.maxAge());
        c.setCallingAeTitle(dicom.aeTitle());
        if (dicom.tls().enabled()) {
            c.setSslContextParameters(TlsContextParameters.of(dicom.tls().serverConfig(TLS_PREFIX)));
            c.setTlsPort(dicom.tls().port());
        }
        return c;
    }
}
