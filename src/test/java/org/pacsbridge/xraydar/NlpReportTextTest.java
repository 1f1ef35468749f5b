package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NlpReportTextTest {

    private static String findings(int sentences) {
        return "FINDINGS:\n" + "The cardiomediastinal silhouette is within normal limits for the projection. ".repeat(sentences);
    }

    @Test
    void aShortReportIsSentAsItIs() {
        String text = "FINDINGS: Heart size normal.\nIMPRESSION: No acute disease.";
        NlpReportText sent = NlpReportText.of(text);
        assertEquals(text, sent.text());
        assertFalse(sent.probablyTruncated());
        assertFalse(sent.impressionFirst());
        assertTrue(sent.approximateTokens() >= 10 && sent.approximateTokens() <= 20, "" + sent.approximateTokens());
    }

    @Test
    void aLongReportGetsItsImpressionFirstAndIsFlagged() {
        String impression = "IMPRESSION: Right apical pneumothorax, about 2 cm.";
        String text = findings(80) + "\n" + impression;
        NlpReportText sent = NlpReportText.of(text);

        assertTrue(sent.probablyTruncated());
        assertTrue(sent.impressionFirst());
        assertTrue(sent.text().startsWith(impression), sent.text().substring(0, 80));
        assertTrue(sent.text().contains("FINDINGS:"), "nothing is dropped by the node");
        assertEquals(text.length(), sent.text().length(), "the same text, reordered");
        assertTrue(sent.approximateTokens() > NlpReportText.MODEL_TOKEN_LIMIT);
    }

    @Test
    void aLongReportWithoutAnImpressionIsFlaggedAndSentAsItIs() {
        String text = findings(80);
        NlpReportText sent = NlpReportText.of(text);
        assertTrue(sent.probablyTruncated());
        assertFalse(sent.impressionFirst());
        assertEquals(text, sent.text());
    }

    @Test
    void theEstimateCountsLongWordsAsSeveralTokens() {
        assertEquals(2 + 1, NlpReportText.approximateTokens("lung"));
        assertEquals(2 + 3, NlpReportText.approximateTokens("cardiopulmonary"));
        assertEquals(2 + 4, NlpReportText.approximateTokens("No, 2 cm"));
    }
}
