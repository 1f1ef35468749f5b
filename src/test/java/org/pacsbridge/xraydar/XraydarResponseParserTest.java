package org.pacsbridge.xraydar;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacsbridge.model.FindingCatalogue.Finding;
import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.xraydar.XraydarException.Kind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XraydarResponseParserTest {

    private static XraydarResult parse(String json) throws XraydarException {
        return XraydarResponseParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** All 38 keys as the model spells them, each with probability 0.01 * index. */
    private static String allKeys() {
        List<Finding> all = FindingCatalogue.all();
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < all.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(all.get(i).modelKey()).append("\":").append(i / 100.0);
        }
        return sb.append('}').toString();
    }

    @Test
    void readsTheModelsObjectWithAllKeys() throws Exception {
        XraydarResult r = parse("{\"AI_urgency\":\"non-urgent\",\"AI_prediction\":" + allKeys()
                + ",\"simulator\":\"x\",\"version\":3}");
        assertEquals("non-urgent", r.urgency());
        assertEquals(38, r.findings().size());
        assertTrue(r.missingCodes().isEmpty());
        assertTrue(r.unknownKeys().isEmpty());
        assertEquals(FindingCatalogue.all(),
                r.findings().stream().map(XraydarResult.FindingProbability::finding).collect(Collectors.toList()));
        assertEquals(0.36, r.probability("pulmonary_bloodflow_redis").orElseThrow(), 1e-9);
        assertEquals(0.0, r.probability("abnormal_non_clinically_important").orElseThrow(), 1e-9);
    }

    @Test
    void passesUnknownUrgencyThroughAndAllowsNone() throws Exception {
        assertEquals("very-urgent", parse("{\"AI_urgency\":\"very-urgent\",\"AI_prediction\":{\"bulla\":0.2}}").urgency());
        assertNull(parse("{\"AI_prediction\":{\"bulla\":0.2}}").urgency());
        assertNull(parse("{\"AI_urgency\":null,\"AI_prediction\":{\"bulla\":0.2}}").urgency());
    }

    @Test
    void readsABareObjectIgnoringNonNumericExtras() throws Exception {
        XraydarResult r = parse("{\"cardiomegaly\":0.9,\"Pulmonary_bloodflow_redis.\":0.1,\"model\":\"v2\","
                + "\"urgency\":\"urgent\"}");
        assertEquals("urgent", r.urgency());
        assertEquals(2, r.findings().size());
        assertEquals("cardiomegaly", r.findings().get(0).finding().code());
        assertEquals(36, r.missingCodes().size());
        assertTrue(r.unknownKeys().isEmpty());
    }

    @Test
    void readsAListWithAnyOfTheNameAndValueFields() throws Exception {
        XraydarResult r = parse("[{\"finding\":\"cardiomegaly\",\"probability\":0.7},"
                + "{\"label\":\"Pleural effusion\",\"score\":0.2},"
                + "{\"name\":\"pulmonary_bloodflow_redis\",\"probability\":1},"
                + "{\"name\":\"new_finding\",\"score\":0.5}]");
        assertEquals(0.7, r.probability("cardiomegaly").orElseThrow());
        assertEquals(0.2, r.probability("pleural_effusion").orElseThrow());
        assertEquals(1.0, r.probability("pulmonary_bloodflow_redis").orElseThrow());
        assertEquals(List.of("new_finding"), r.unknownKeys());
        // catalogue order, not answer order
        assertEquals("cardiomegaly", r.findings().get(0).finding().code());
        assertEquals("pulmonary_bloodflow_redis", r.findings().get(2).finding().code());
    }

    @Test
    void readsAListInsideThePredictionField() throws Exception {
        XraydarResult r = parse("{\"AI_urgency\":\"critical\",\"AI_prediction\":[{\"finding\":\"pneumothorax\","
                + "\"probability\":0.95}]}");
        assertEquals("critical", r.urgency());
        assertEquals(0.95, r.probability("pneumothorax").orElseThrow());
    }

    @Test
    void keepsUnknownKeysAndReportsMissingOnes() throws Exception {
        XraydarResult r = parse("{\"AI_prediction\":{\"cardiomegaly\":0.3,\"brand_new\":0.4,\"other\":0}}");
        assertEquals(List.of("brand_new", "other"), r.unknownKeys());
        assertEquals(37, r.missingCodes().size());
        assertFalse(r.missingCodes().contains("cardiomegaly"));
        assertEquals("abnormal_non_clinically_important", r.missingCodes().get(0));
        assertTrue(r.missingCodes().contains("pulmonary_bloodflow_redis"));
    }

    @Test
    void toleratesKeyCaseAndTheMissingDot() throws Exception {
        XraydarResult r = parse("{\"AI_prediction\":{\"CARDIOMEGALY\":0.3,\"pulmonary_bloodflow_redis\":0.4}}");
        assertEquals(2, r.findings().size());
        assertTrue(r.unknownKeys().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<html>Bad gateway</html>",
        "{\"AI_prediction\":{\"bulla\":0.1}",
        "{\"AI_prediction\":{\"bulla\":0.1}} trailing",
        "\"just a string\"",
        "42",
        "{}",
        "[]",
        "{\"AI_urgency\":\"urgent\"}",
        "{\"AI_prediction\":{}}",
        "{\"AI_prediction\":[]}",
        "{\"AI_prediction\":\"none\"}",
        "{\"AI_prediction\":{\"bulla\":1.7}}",
        "{\"AI_prediction\":{\"bulla\":-0.01}}",
        "{\"AI_prediction\":{\"bulla\":NaN}}",
        "{\"AI_prediction\":{\"bulla\":Infinity}}",
        "{\"AI_prediction\":{\"bulla\":\"0.5\"}}",
        "{\"AI_prediction\":{\"bulla\":null}}",
        "{\"AI_prediction\":{\"bulla\":true}}",
        "{\"AI_prediction\":{\"unknown\":1.5,\"bulla\":0.1}}",
        "{\"AI_prediction\":{\"only_unknown\":0.5}}",
        "{\"AI_prediction\":{\"cardiomegaly\":0.1,\"Cardiomegaly\":0.2}}",
        "{\"AI_urgency\":3,\"AI_prediction\":{\"bulla\":0.1}}",
        "{\"bulla\":\"high\"}",
        "[{\"finding\":\"bulla\"}]",
        "[{\"probability\":0.1}]",
        "[0.1,0.2]",
        "[{\"finding\":\"bulla\",\"probability\":0.1},{\"finding\":\"bulla\",\"probability\":0.2}]"
    })
    void rejectsWhatBreaksTheContract(String body) {
        XraydarException e = assertThrows(XraydarException.class, () -> parse(body));
        assertEquals(Kind.CONTRACT, e.kind());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().startsWith("X-Raydar answer breaks the contract"), e.getMessage());
    }

    @Test
    void contractErrorsNameTheReasonAndKeepABodyExcerpt() {
        XraydarException e = assertThrows(XraydarException.class,
                () -> parse("{\"AI_prediction\":{\"bulla\":1.7}}"));
        assertTrue(e.getMessage().contains("bulla"), e.getMessage());
        assertTrue(e.getMessage().contains("outside [0, 1]"), e.getMessage());
        assertEquals("{\"AI_prediction\":{\"bulla\":1.7}}", e.bodyExcerpt());

        XraydarException empty = assertThrows(XraydarException.class, () -> XraydarResponseParser.parse(null));
        assertEquals(Kind.CONTRACT, empty.kind());
    }

    @Test
    void acceptsTheBoundsZeroAndOne() throws Exception {
        XraydarResult r = parse("{\"AI_prediction\":{\"bulla\":0,\"cavity\":1,\"hernia\":1.0e-5}}");
        assertEquals(0.0, r.probability("bulla").orElseThrow());
        assertEquals(1.0, r.probability("cavity").orElseThrow());
    }
}
