package org.pacsbridge.xraydar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.pacsbridge.model.FindingCatalogue.Finding;
import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.model.XraydarResult.FindingProbability;
import org.pacsbridge.model.XraydarResult;
import org.pacsbridge.xraydar.XraydarException.Kind;

/**
 * Turns an X-Raydar answer body into an {@link XraydarResult}: tolerant in the shapes it reads,
 * strict in the values it accepts.
 *
 * <p>Shapes read:
 * <ul>
 * <li>{@code {"AI_urgency": "...", "AI_prediction": {"cardiomegaly": 0.1, ...}}} (what the model
 * returns; other top-level fields are ignored, {@code AI_prediction} may also be a list as below);</li>
 * <li>a bare object {@code {"cardiomegaly": 0.1, ...}}, where fields that name no finding and do not
 * hold a number are taken for extra fields and ignored;</li>
 * <li>a list {@code [{"finding"|"label"|"name": "...", "probability"|"score": 0.1}, ...]}.</li>
 * </ul>
 * Finding names are matched by model key (also ignoring case and the trailing dot), code or label.
 *
 * <p>Rejected as {@link Kind#CONTRACT}: a body that is not JSON, an unexpected shape, an empty
 * prediction or one naming none of the known findings, a probability that is not a number, is NaN or
 * lies outside [0, 1], and the same finding given twice.
 */
public final class XraydarResponseParser {

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactory())
            // Python's json module writes NaN and Infinity; read them to reject them with a clear reason
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> URGENCY_FIELDS = Set.of("ai_urgency", "urgency");
    private static final Set<String> PREDICTION_FIELDS = Set.of("ai_prediction", "prediction", "predictions");
    private static final List<String> NAME_FIELDS = List.of("finding", "label", "name");
    private static final List<String> PROBABILITY_FIELDS = List.of("probability", "score");

    private XraydarResponseParser() {
    }

    /** Parses and validates an image (CV) answer body. */
    public static XraydarResult parse(byte[] body) throws XraydarException {
        Answer answer = read(body);
        return toResult(answer.urgency(), answer.named(), body);
    }

    /**
     * Parses and validates a report (NLP) answer body, in either vocabulary: the NLP model's six
     * renamed findings are mapped onto the CV codes, and its seven report labels become report
     * attributes. The same finding named in both vocabularies is a contract error, as is an answer
     * that names no finding at all.
     */
    public static XraydarResult parseNlp(byte[] body) throws XraydarException {
        Answer answer = read(body);
        return toNlpResult(answer.urgency(), answer.named(), body);
    }

    private record Answer(String urgency, Map<String, Double> named) {
    }

    private static Answer read(byte[] body) throws XraydarException {
        if (body == null || body.length == 0) {
            throw contract("empty body", body);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw contract("body is not JSON", body);
        }
        if (root == null || root.isMissingNode()) {
            throw contract("body is not JSON", body);
        }
        String urgency = null;
        Map<String, Double> named;
        if (root.isArray()) {
            named = readList(root, body);
        } else if (root.isObject()) {
            urgency = readUrgency(root, body);
            JsonNode prediction = field(root, PREDICTION_FIELDS);
            if (prediction == null) {
                named = readBareObject(root, body);
            } else if (prediction.isObject()) {
                named = readPredictionObject(prediction, body);
            } else if (prediction.isArray()) {
                named = readList(prediction, body);
            } else {
                throw contract("prediction is neither an object nor a list", body);
            }
        } else {
            throw contract("body is JSON but neither an object nor a list", body);
        }
        if (named.isEmpty()) {
            throw contract("empty prediction", body);
        }
        return new Answer(urgency, named);
    }

    private static String readUrgency(JsonNode root, byte[] body) throws XraydarException {
        JsonNode urgency = field(root, URGENCY_FIELDS);
        if (urgency == null || urgency.isNull()) {
            return null;
        }
        if (!urgency.isTextual()) {
            throw contract("urgency is not a string", body);
        }
        return urgency.textValue();
    }

    private static Map<String, Double> readPredictionObject(JsonNode prediction, byte[] body)
            throws XraydarException {
        Map<String, Double> named = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = prediction.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            named.put(entry.getKey(), probability(entry.getKey(), entry.getValue(), body));
        }
        return named;
    }

    private static Map<String, Double> readBareObject(JsonNode root, byte[] body) throws XraydarException {
        Map<String, Double> named = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            if (URGENCY_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            boolean known = FindingCatalogue.resolve(name).isPresent() || NlpVocabulary.renamedFinding(name).isPresent()
                    || NlpVocabulary.reportLabel(name).isPresent();
            if (!known && !entry.getValue().isNumber()) {
                continue; // an extra field such as a model version, not a finding
            }
            named.put(name, probability(name, entry.getValue(), body));
        }
        return named;
    }

    private static Map<String, Double> readList(JsonNode list, byte[] body) throws XraydarException {
        Map<String, Double> named = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode entry : list) {
            if (!entry.isObject()) {
                throw contract("list entry " + index + " is not an object", body);
            }
            JsonNode name = firstPresent(entry, NAME_FIELDS);
            if (name == null || !name.isTextual() || name.textValue().isBlank()) {
                throw contract("list entry " + index + " has no finding name", body);
            }
            JsonNode value = firstPresent(entry, PROBABILITY_FIELDS);
            if (value == null) {
                throw contract("list entry " + index + " has no probability", body);
            }
            if (named.containsKey(name.textValue())) {
                throw contract("finding '" + clip(name.textValue()) + "' given twice", body);
            }
            named.put(name.textValue(), probability(name.textValue(), value, body));
            index++;
        }
        return named;
    }

    private static XraydarResult toResult(String urgency, Map<String, Double> named, byte[] body)
            throws XraydarException {
        Map<Finding, Double> known = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Double> entry : named.entrySet()) {
            Optional<Finding> finding = FindingCatalogue.resolve(entry.getKey());
            if (finding.isEmpty()) {
                unknown.add(entry.getKey());
            } else if (known.putIfAbsent(finding.get(), entry.getValue()) != null) {
                throw contract("finding " + finding.get().code() + " given twice", body);
            }
        }
        if (known.isEmpty()) {
            throw contract("prediction names none of the " + FindingCatalogue.all().size() + " known findings", body);
        }
        List<FindingProbability> findings = new ArrayList<>(known.size());
        List<String> missing = new ArrayList<>();
        for (Finding finding : FindingCatalogue.all()) {
            Double probability = known.get(finding);
            if (probability == null) {
                missing.add(finding.code());
            } else {
                findings.add(new FindingProbability(finding, probability));
            }
        }
        return new XraydarResult(urgency, findings, unknown, missing);
    }

    private static XraydarResult toNlpResult(String urgency, Map<String, Double> named, byte[] body)
            throws XraydarException {
        Map<Finding, Double> known = new LinkedHashMap<>();
        Map<String, Double> attributes = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        boolean nlpLabels = false;
        boolean cvLabels = false;
        for (Map.Entry<String, Double> entry : named.entrySet()) {
            String name = entry.getKey();
            Optional<String> reportLabel = NlpVocabulary.reportLabel(name);
            if (reportLabel.isPresent()) {
                if (attributes.putIfAbsent(reportLabel.get(), entry.getValue()) != null) {
                    throw contract("report label " + reportLabel.get() + " given twice", body);
                }
                nlpLabels = true;
                continue;
            }
            Optional<Finding> renamed = NlpVocabulary.renamedFinding(name);
            Optional<Finding> finding = renamed.isPresent() ? renamed : FindingCatalogue.resolve(name);
            if (finding.isEmpty()) {
                unknown.add(name);
                continue;
            }
            if (renamed.isPresent()) {
                nlpLabels = true;
            } else if (NlpVocabulary.hasAnotherNlpName(finding.get())) {
                cvLabels = true;
            }
            if (known.putIfAbsent(finding.get(), entry.getValue()) != null) {
                throw contract("finding " + finding.get().code() + " given twice (in both vocabularies?)", body);
            }
        }
        if (known.isEmpty()) {
            throw contract("prediction names none of the " + FindingCatalogue.all().size() + " known findings", body);
        }
        XraydarResult findings = toResult(urgency, named(known), body);
        XraydarResult.Vocabulary vocabulary = nlpLabels && cvLabels ? XraydarResult.Vocabulary.MIXED
                : nlpLabels ? XraydarResult.Vocabulary.NLP
                : cvLabels ? XraydarResult.Vocabulary.CV : XraydarResult.Vocabulary.COMMON;
        return new XraydarResult(urgency, findings.findings(), unknown, findings.missingCodes(), vocabulary,
                attributes);
    }

    private static Map<String, Double> named(Map<Finding, Double> known) {
        Map<String, Double> byKey = new LinkedHashMap<>();
        known.forEach((finding, p) -> byKey.put(finding.modelKey(), p));
        return byKey;
    }

    private static double probability(String name, JsonNode value, byte[] body) throws XraydarException {
        if (value == null || !value.isNumber()) {
            throw contract("probability of '" + clip(name) + "' is not a number", body);
        }
        double p = value.doubleValue();
        if (Double.isNaN(p)) {
            throw contract("probability of '" + clip(name) + "' is NaN", body);
        }
        if (p < 0.0 || p > 1.0) {
            throw contract("probability of '" + clip(name) + "' is outside [0, 1]: " + value.asText(), body);
        }
        return p;
    }

    private static JsonNode field(JsonNode object, Set<String> lowerCaseNames) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (lowerCaseNames.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static JsonNode firstPresent(JsonNode object, List<String> names) {
        for (String name : names) {
            JsonNode value = object.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static String clip(String name) {
        return XraydarException.excerpt(name.length() > 60 ? name.substring(0, 60) + "..." : name);
    }

    private static XraydarException contract(String reason, byte[] body) {
        String text = body == null ? null : new String(body, 0, Math.min(body.length, 4 * XraydarException.MAX_EXCERPT),
                StandardCharsets.UTF_8);
        return new XraydarException(Kind.CONTRACT, "X-Raydar answer breaks the contract: " + reason, null, text, null,
                null);
    }
}
