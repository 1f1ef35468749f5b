package org.pacsbridge.findings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the study correlation's state as a detail ({@code starting} until its topics exist,
 * then Kafka Streams' own state). Always UP: while correlation is held up, images and reports
 * are still received and their findings published; the correlation catches up from the topics.
 */
@Readiness
@ApplicationScoped
public class StudyCorrelationHealthCheck implements HealthCheck {

    @Inject
    StudyCorrelation correlation;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("study-correlation").up();
        if (!correlation.enabled()) {
            return response.withData("state", "off").build();
        }
        KafkaStreams.State state = correlation.state();
        return response.withData("state", state == null ? "starting" : state.name().toLowerCase()).build();
    }
}
