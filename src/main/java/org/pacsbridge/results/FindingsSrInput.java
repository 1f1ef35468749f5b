package org.pacsbridge.results;

import java.time.Instant;

import org.pacsbridge.model.FindingThresholds;
import org.pacsbridge.model.XraydarResult;

/**
 * What a findings SR is built from, as read back from one CV findings event.
 *
 * @param image       the image's original identity as far as the event carries it
 * @param result      the findings, with their probabilities
 * @param thresholds  the thresholds the event applied, so Present/Absent in the SR matches the event
 * @param engine      the algorithm that answered
 * @param completedAt when the answer came
 */
public record FindingsSrInput(ReportedImage image, XraydarResult result, FindingThresholds thresholds,
        ReportingEngine engine, Instant completedAt) {

    public FindingsSr build() {
        return FindingsSrBuilder.build(image, result, thresholds, engine, completedAt);
    }
}
