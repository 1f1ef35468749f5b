package org.pacsbridge.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.FindingsSchema;

/** The builder's events against docs/schemas/findings-v1.json — and the schema against broken events. */
class FindingsEventBuilderTest {

    private static XraydarResult result(double probability) {
        return new XraydarResult("urgent", FindingCatalogue.all().stream()
                .map(f -> new XraydarResult.FindingProbability(f, probability)).toList(), List.of(), List.of());
    }

    @Test
    void aCvEventFollowsTheSchema() {
        String event = FindingsEventBuilder.cv()
                .engine("x-raydar-cv", "https://x-raydar.info/api/cv", false)
                .study("ACC1", "1.2.3.4", "PID1")
                .image(Map.of("sopInstanceUid", "1.2.3.4.5", "modality", "DX"))
                .result(result(0.7), new FindingThresholds(0.5, Map.of()))
                .receivedAt(Instant.parse("2026-11-23T10:00:00Z"))
                .build(Instant.parse("2026-11-23T10:00:01Z"));
        FindingsSchema.assertValid(event);
    }

    @Test
    void theSchemaRefusesWhatTheContractForbids() {
        String withoutImage = FindingsEventBuilder.cv()
                .engine("x-raydar-cv", "https://x-raydar.info/api/cv", false)
                .study("ACC1", null, null)
                .result(result(0.1), new FindingThresholds(0.5, Map.of()))
                .build(Instant.now());
        assertThrows(AssertionError.class, () -> FindingsSchema.assertValid(withoutImage));

        String noStudyIdentifier = FindingsEventBuilder.nlp()
                .engine("x-raydar-nlp", "https://x-raydar.info/api/nlp", false)
                .study(null, null, "PID1")
                .report("r1", "final", "1")
                .result(result(0.1), new FindingThresholds(0.5, Map.of()))
                .build(Instant.now());
        assertThrows(AssertionError.class, () -> FindingsSchema.assertValid(noStudyIdentifier));
    }
}
