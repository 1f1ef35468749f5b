package org.pacsbridge.findings;

import java.time.Instant;
import java.util.Map;

/**
 * One image's findings as the correlation keeps them.
 *
 * @param probabilities finding code → probability, in the catalogue's order
 */
public record ImageRead(String sopInstanceUid, String seriesInstanceUid, String viewPosition, String urgency,
        EngineInfo engine, Map<String, Double> probabilities, Instant completedAt, String eventId) {
}
