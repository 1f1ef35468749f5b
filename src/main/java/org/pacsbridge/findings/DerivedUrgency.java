package org.pacsbridge.findings;

import java.util.Map;
import java.util.Set;

/**
 * An urgency derived by the node from a set of finding probabilities, for a report whose X-Raydar
 * answer carried none (the NLP model grades no urgency). Like the CV model: the most severe grade
 * over the findings above 0.5. The grades of {@code critical} are the CV model's; the split of the
 * other findings into {@code urgent} and {@code non-urgent} is the node's own reading of the
 * X-Raydar paper, since the model's per-finding map is not published. It is labelled derived
 * wherever it appears, never passed off as model output.
 */
public final class DerivedUrgency {

    static final double PRESENT = 0.5;

    private static final Set<String> CRITICAL = Set.of("mediastinum_widened", "pneumomediastinum", "pneumoperitoneum",
            "pneumothorax", "subcutaneous_emphysema");
    private static final Set<String> URGENT = Set.of("cavity", "consolidation", "dilated_bowel", "parenchymal_lesion",
            "pleural_effusion", "rib_fracture", "clavicle_fracture", "paratracheal_hilar_enlargement", "paraspinal_mass",
            "mediastinum_displaced", "ground_glass_opacification", "interstitial_shadowing", "rib_lesion", "volume_loss",
            "atelectasis", "object", "hemidiaphragm_elevated");

    private DerivedUrgency() {
    }

    /**
     * @param probabilities finding code → probability
     * @return {@code critical}, {@code urgent}, {@code non-urgent} or {@code normal}
     */
    public static String of(Map<String, Double> probabilities) {
        String urgency = "normal";
        for (Map.Entry<String, Double> finding : probabilities.entrySet()) {
            if (finding.getValue() != null && finding.getValue() > PRESENT) {
                urgency = Urgency.max(urgency, grade(finding.getKey()));
            }
        }
        return urgency;
    }

    static String grade(String code) {
        return CRITICAL.contains(code) ? "critical" : URGENT.contains(code) ? "urgent" : "non-urgent";
    }
}
