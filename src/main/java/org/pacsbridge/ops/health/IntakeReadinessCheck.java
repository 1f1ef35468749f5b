package org.pacsbridge.ops.health;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.pacsbridge.camel.dicom.DicomConsumer;

/**
 * Whether the node can take work in: the DICOM Storage SCP is listening and its spool is above
 * the disk watermark (below it, every C-STORE is answered A700), and the MLLP listener is bound (and its TLS
 * listener, when enabled).
 * DOWN takes the replica out of the Service so senders go to one that can store.
 */
@Readiness
@ApplicationScoped
public class IntakeReadinessCheck implements HealthCheck {

    static final String DICOM_ROUTE = "dicom-ingest";
    static final String MLLP_ROUTE = "reports-mllp";
    static final String MLLP_TLS_ROUTE = "reports-mllp-tls";

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "pacs.mllp.port")
    int mllpPort;

    @ConfigProperty(name = "pacs.mllp.bind-host")
    String mllpHost;

    @ConfigProperty(name = "pacs.mllp.tls.enabled")
    boolean mllpTls;

    @ConfigProperty(name = "pacs.mllp.tls.port")
    int mllpTlsPort;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("intake");
        boolean up = dicom(response) & mllpListener(response, "mllp", MLLP_ROUTE, mllpPort)
                & (!mllpTls || mllpListener(response, "mllp.tls", MLLP_TLS_ROUTE, mllpTlsPort));
        return response.status(up).build();
    }

    private boolean dicom(HealthCheckResponseBuilder response) {
        Route route = camel.getRoute(DICOM_ROUTE);
        if (route == null) {
            response.withData("dicom", "no route " + DICOM_ROUTE);
            return false;
        }
        if (!(route.getConsumer() instanceof DicomConsumer consumer) || consumer.getLocalPort() <= 0
                || camel.getRouteController().getRouteStatus(DICOM_ROUTE) != ServiceStatus.Started) {
            response.withData("dicom", "not listening");
            return false;
        }
        response.withData("dicom.port", consumer.getLocalPort());
        try {
            response.withData("spool.free-bytes", consumer.getSpool().usableSpace());
            if (consumer.getSpool().belowWatermark()) {
                response.withData("spool", "below the free-space watermark (pacs.spool.min-free-space): C-STORE answers A700");
                return false;
            }
        } catch (IOException e) {
            response.withData("spool", "cannot be read: " + e.getClass().getSimpleName());
            return false;
        }
        return true;
    }

    /** An MLLP listener ("mllp" or "mllp.tls"): its route started and its port bound. */
    private boolean mllpListener(HealthCheckResponseBuilder response, String name, String routeId, int port) {
        if (camel.getRoute(routeId) == null
                || camel.getRouteController().getRouteStatus(routeId) != ServiceStatus.Started) {
            response.withData(name, "route " + routeId + " not started");
            return false;
        }
        // with port 0 (tests) camel-mllp picks a port it does not tell; the route status must do
        if (port != 0 && !portTaken(port)) {
            response.withData(name, "not listening on port " + port);
            return false;
        }
        response.withData(name + ".port", port);
        return true;
    }

    /** True when something listens on the port (camel-mllp binds in the background). */
    private boolean portTaken(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(mllpHost, port));
            return false;
        } catch (BindException taken) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
