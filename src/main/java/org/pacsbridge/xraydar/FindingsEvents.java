package org.pacsbridge.xraydar;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Message;
import org.pacsbridge.model.FindingThresholds;
import org.pacsbridge.model.FindingsEventSettings;
import org.pacsbridge.model.FindingsEventBuilder;
import org.pacsbridge.model.FindingsHeaders;
import org.pacsbridge.xraydar.XraydarBeans;
import org.pacsbridge.xraydar.XraydarClient;

/** What every findings event shares: thresholds, the engine block, the Kafka headers, patient ID policy. */
@ApplicationScoped
public class FindingsEvents {

    @Inject
    FindingsEventSettings settings;

    @Inject
    XraydarBeans.SimulatorHandle simulator;

    public FindingThresholds thresholds() {
        return new FindingThresholds(settings.positiveThreshold(), Map.of());
    }

    /** The patient ID for an event, or null when events must not carry it. */
    public String patientId(String patientId) {
        return settings.includePatientId() ? patientId : null;
    }

    /** Says which engine answered: the simulator's output is marked as such, never as model output. */
    public void engine(FindingsEventBuilder event, String algorithm, XraydarClient client) {
        event.engine(engineName(algorithm), client.endpoint().url().toString(), simulator.simulator().isPresent());
    }

    /** {@code x-raydar-cv}, {@code x-raydar-nlp}, or {@code x-raydar-simulator} while the simulator answers. */
    public String engineName(String algorithm) {
        return simulator.simulator().isPresent() ? "x-raydar-simulator" : "x-raydar-" + algorithm;
    }

    public void describe(Message message, String source, String correlationId) {
        message.setHeader(FindingsHeaders.SCHEMA, FindingsEventBuilder.SCHEMA);
        message.setHeader(FindingsHeaders.SOURCE, source);
        message.setHeader(FindingsHeaders.ENGINE, engineName(source));
        if (correlationId != null) {
            message.setHeader(FindingsHeaders.CORRELATION_ID, correlationId);
        }
    }
}
