package org.pacsbridge.xraydar;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.model.XraydarResult.FindingProbability;
import org.pacsbridge.model.XraydarResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link XraydarResponseParser} fed arbitrary answer bodies. The only failure allowed is an
 * {@link XraydarException} of kind {@code CONTRACT} (permanent, so never retried); a parsed result
 * holds at least one known finding, each probability in [0, 1], and every finding of the catalogue is
 * either present or reported missing.
 */
@Tag("fuzz")
class XraydarResponseParserFuzzTest {

    @FuzzTest
    @Timeout(10)
    void answer(byte[] body) {
        XraydarResult result;
        try {
            result = XraydarResponseParser.parse(body);
        } catch (XraydarException e) {
            assertEquals(XraydarException.Kind.CONTRACT, e.kind(), "kind of a rejected answer");
            assertFalse(e.isTransient(), "a rejected answer is retried");
            return;
        }
        assertFalse(result.findings().isEmpty(), "result without a known finding");
        for (FindingProbability finding : result.findings()) {
            assertTrue(finding.probability() >= 0.0 && finding.probability() <= 1.0,
                    "probability " + finding.probability());
        }
        assertEquals(FindingCatalogue.all().size(), result.findings().size() + result.missingCodes().size(),
                "findings present plus missing");
    }
}
