package org.pacsbridge.findings;

/** The engine that produced one side's findings; {@code simulated} marks simulator output. */
public record EngineInfo(String name, boolean simulated, String modelVersion) {
}
