package org.pacsbridge.tcia;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

/** The meters shared by the catalogue sync and the reference images. */
@ApplicationScoped
public class TciaSyncBeans {

    @Produces
    @Singleton
    TciaSyncMetrics tciaSyncMetrics(MeterRegistry registry) {
        return new TciaSyncMetrics(registry);
    }

    void close(@Disposes TciaSyncMetrics metrics) {
        metrics.close();
    }
}
