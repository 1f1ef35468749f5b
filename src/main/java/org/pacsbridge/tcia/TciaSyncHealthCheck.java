package org.pacsbridge.tcia;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows how old the TCIA reference data is. Always UP: reference data that is late does not stop
 * the node from taking images and reports; alert on
 * {@code pacs_tcia_sync_last_success_timestamp_seconds} instead.
 */
@Readiness
@ApplicationScoped
public class TciaSyncHealthCheck implements HealthCheck {

    @Inject
    TciaSyncService sync;

    @Override
    public HealthCheckResponse call() {
        TciaSyncStatus status = sync.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("tcia-sync").up()
                .withData("scheduled", status.scheduled())
                .withData("running", status.running())
                .withData("last-success", status.lastSuccessAt() == null ? "unknown" : status.lastSuccessAt());
        if (status.ageSeconds() != null) {
            response.withData("age-seconds", status.ageSeconds());
        }
        if (status.lastFailureAt() != null) {
            response.withData("last-failure", status.lastFailureAt());
        }
        return response.build();
    }
}
