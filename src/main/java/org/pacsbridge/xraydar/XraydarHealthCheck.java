package org.pacsbridge.xraydar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the X-Raydar circuit states and a rejected key as details. Always UP: an X-Raydar outage
 * must not take the node out of service — images and reports are still received and stored, and
 * the enrichment catches up (or dead-letters) on its own.
 */
@Readiness
@ApplicationScoped
public class XraydarHealthCheck implements HealthCheck {

    @Inject
    @Named("cvClient")
    XraydarClient cv;

    @Inject
    @Named("nlpClient")
    XraydarClient nlp;

    @Inject
    XraydarBeans.SimulatorHandle simulator;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("x-raydar").up();
        describe(response, "cv", cv);
        describe(response, "nlp", nlp);
        response.withData("simulated", simulator.simulator().isPresent());
        return response.build();
    }

    private static void describe(HealthCheckResponseBuilder response, String name, XraydarClient client) {
        response.withData(name + ".circuit", client.circuitState().name().toLowerCase());
        response.withData(name + ".key-rejected", client.unauthorized());
    }
}
