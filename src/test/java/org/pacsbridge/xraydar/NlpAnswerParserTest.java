package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pacsbridge.model.XraydarResult.Vocabulary;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.xraydar.XraydarException.Kind;

/** Report answers in the NLP model's own vocabulary, the CV model's, and both at once. */
class NlpAnswerParserTest {

    private static final List<String> RENAMED_CV_CODES = List.of("apical_changes", "bronchial_changes", "cavity",
            "cardiac_calcification", "tortuosity_aorta", "pulmonary_bloodflow_redis");

    private static XraydarResult parse(String json) throws XraydarException {
        return XraydarResponseParser.parseNlp(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The NLP model's 45 labels, each with 0.01 × its index. */
    private static String nlpAnswer() {
        List<String> labels = NlpVocabulary.allLabels();
        StringBuilder json = new StringBuilder("{\"AI_prediction\":{");
        for (int i = 0; i < labels.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(labels.get(i)).append("\":").append(i / 100.0);
        }
        return json.append("}}").toString();
    }

    @Test
    void theNlpModelsFortyFiveLabelsGiveTheThirtyEightCvCodesAndSevenReportAttributes() throws Exception {
        assertEquals(45, NlpVocabulary.allLabels().size());
        XraydarResult r = parse(nlpAnswer());

        assertEquals(Vocabulary.NLP, r.vocabulary());
        assertEquals(38, r.findings().size());
        assertTrue(r.missingCodes().isEmpty(), r.missingCodes().toString());
        assertTrue(r.unknownKeys().isEmpty(), r.unknownKeys().toString());
        for (String code : RENAMED_CV_CODES) {
            assertTrue(r.probability(code).isPresent(), code + " comes from its NLP name");
        }
        int cavity = NlpVocabulary.allLabels().indexOf("cavitating_lung_lesion");
        assertEquals(cavity / 100.0, r.probability("cavity").orElseThrow(), 1e-9);
        assertEquals(NlpVocabulary.REPORT_LABELS, List.copyOf(r.reportAttributes().keySet()));
        assertTrue(r.findings().stream().noneMatch(f -> NlpVocabulary.REPORT_LABELS.contains(f.finding().code())));
        assertNull(r.urgency(), "the NLP model grades no urgency; none is invented");
    }

    @Test
    void anAnswerInTheCvKeysIsReadAsBefore() throws Exception {
        XraydarResult r = parse("{\"AI_urgency\":\"urgent\",\"AI_prediction\":{\"cavity\":0.8,\"Pulmonary_bloodflow_redis.\":0.1,"
                + "\"pneumothorax\":0.2}}");
        assertEquals(Vocabulary.CV, r.vocabulary());
        assertEquals("urgent", r.urgency());
        assertEquals(0.8, r.probability("cavity").orElseThrow(), 1e-9);
        assertEquals(Map.of(), r.reportAttributes());
    }

    @Test
    void sharedLabelsAloneSayNothingAboutTheVocabularyAndDifferentRenamedFindingsMayMix() throws Exception {
        assertEquals(Vocabulary.COMMON, parse("{\"pneumothorax\":0.2,\"object\":0.9}").vocabulary());
        XraydarResult mixed = parse("{\"cavity\":0.2,\"unfolded_aorta\":0.6}");
        assertEquals(Vocabulary.MIXED, mixed.vocabulary());
        assertEquals(0.6, mixed.probability("tortuosity_aorta").orElseThrow(), 1e-9);
    }

    @Test
    void oneFindingInBothVocabulariesIsAContractError() {
        XraydarException e = assertThrows(XraydarException.class,
                () -> parse("{\"AI_prediction\":{\"apical_fibrosis\":0.2,\"apical_changes\":0.3}}"));
        assertEquals(Kind.CONTRACT, e.kind());
        assertTrue(e.getMessage().contains("apical_changes given twice"), e.getMessage());
    }

    @Test
    void reportLabelsWithoutAnyFindingAreAContractError() {
        XraydarException e = assertThrows(XraydarException.class,
                () -> parse("{\"AI_prediction\":{\"normal\":0.99,\"comparison\":0.1}}"));
        assertEquals(Kind.CONTRACT, e.kind());
        assertTrue(e.getMessage().contains("names none of the 38 known findings"), e.getMessage());
        assertThrows(XraydarException.class, () -> parse("{\"AI_prediction\":{\"normal\":1.5,\"bulla\":0.1}}"),
                "a report label's probability is checked like a finding's");
    }

    @Test
    void theImageParserDoesNotTakeNlpLabels() throws Exception {
        XraydarResult r = XraydarResponseParser.parse(("{\"AI_prediction\":{\"cavitating_lung_lesion\":0.7,"
                + "\"bulla\":0.1}}").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("cavitating_lung_lesion"), r.unknownKeys());
        assertNull(r.vocabulary());
    }
}
