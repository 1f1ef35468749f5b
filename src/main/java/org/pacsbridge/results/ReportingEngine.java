package org.pacsbridge.results;

import java.util.Objects;

/**
 * The algorithm whose findings an SR reports, named as the SR's observing device.
 *
 * @param name         e.g. {@code x-raydar-cv}, or {@code x-raydar-simulator}
 * @param version      the engine's version as it reports it
 * @param manufacturer who makes the algorithm
 * @param simulated    true for the demo simulator, whose output is not model output
 */
public record ReportingEngine(String name, String version, String manufacturer, boolean simulated) {

    public ReportingEngine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(manufacturer, "manufacturer");
    }

    /** The name the SR shows: marked when simulated, so no reader takes it for model output. */
    String displayName() {
        return simulated ? name + " (SIMULATED, not model output)" : name;
    }
}
