package org.pacsbridge.xraydar.simulator;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.pacsbridge.model.FindingCatalogue.Finding;
import org.pacsbridge.model.FindingCatalogue;
import org.pacsbridge.xraydar.NlpVocabulary;

/**
 * The {@link XraydarSimulator}'s made-up answer for a file: pseudo-probabilities seeded by the
 * SHA-256 of the content, so the same bytes always give the same answer. Not model output.
 */
final class SimulatedPrediction {

    /** The label every simulated answer carries. */
    static final String LABEL = "x-raydar-simulator (not model output)";

    private static final String[] URGENCIES = {"normal", "non-urgent", "urgent", "critical"};
    // cumulative thresholds out of 256: about 43 % normal, 35 % non-urgent, 16 % urgent, 6 % critical
    private static final int[] URGENCY_THRESHOLDS = {110, 200, 240, 256};

    private SimulatedPrediction() {
    }

    /** The answer object: {@code AI_urgency}, {@code AI_prediction} with all 38 keys, {@code simulator}. */
    static Map<String, Object> answer(byte[] content, boolean probabilityOutOfRange) {
        byte[] digest = sha256(content);
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(digest).getLong());
        Map<String, Object> prediction = new LinkedHashMap<>();
        for (Finding finding : FindingCatalogue.all()) {
            // a high power of a uniform value: most findings near 0, now and then a high one
            double p = Math.pow(random.nextDouble(), 8);
            prediction.put(finding.modelKey(), Math.round(p * 10_000) / 10_000.0);
        }
        if (probabilityOutOfRange) {
            prediction.put("cardiomegaly", 1.7);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("AI_urgency", urgency(digest[8] & 0xff));
        answer.put("AI_prediction", prediction);
        answer.put("simulator", LABEL);
        return answer;
    }

    /**
     * A report answer in the open-source NLP model's vocabulary: its 45 labels (the six renamed
     * findings under their NLP names, the seven report labels) and no {@code AI_urgency}, as that
     * model grades none.
     */
    static Map<String, Object> nlpAnswer(byte[] content) {
        byte[] digest = sha256(content);
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(digest).getLong());
        Map<String, Object> prediction = new LinkedHashMap<>();
        for (String label : NlpVocabulary.allLabels()) {
            double p = Math.pow(random.nextDouble(), 8);
            prediction.put(label, Math.round(p * 10_000) / 10_000.0);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("AI_prediction", prediction);
        answer.put("simulator", LABEL);
        return answer;
    }

    private static String urgency(int draw) {
        for (int i = 0; i < URGENCY_THRESHOLDS.length; i++) {
            if (draw < URGENCY_THRESHOLDS[i]) {
                return URGENCIES[i];
            }
        }
        return URGENCIES[URGENCIES.length - 1];
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
