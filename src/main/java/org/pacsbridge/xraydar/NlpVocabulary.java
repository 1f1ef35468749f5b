package org.pacsbridge.xraydar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.pacsbridge.model.FindingCatalogue.Finding;
import org.pacsbridge.model.FindingCatalogue;

/**
 * The open-source X-Raydar NLP model's 45 labels, read against the CV model's 38 findings: 32
 * labels are CV keys, six name a CV finding differently, and seven describe the report rather than
 * a finding. Both sides of a study are compared on the CV codes.
 */
public final class NlpVocabulary {

    /** NLP key → the CV model key of the same finding. */
    private static final Map<String, String> RENAMED = new LinkedHashMap<>();

    static {
        RENAMED.put("apical_fibrosis", "apical_changes");
        RENAMED.put("bronchial_wall_thickening", "bronchial_changes");
        RENAMED.put("cavitating_lung_lesion", "cavity");
        RENAMED.put("coronary_calcification", "cardiac_calcification");
        RENAMED.put("unfolded_aorta", "tortuosity_aorta");
        RENAMED.put("upper_lobe_blood_diversion", "Pulmonary_bloodflow_redis.");
    }

    /** Labels about the report (kept as report attributes, never findings). */
    static final List<String> REPORT_LABELS = List.of("normal", "comparison", "recommendation", "possible_diagnosis",
            "technical_issue", "undefined_sentence", "other");

    private static final Set<String> RENAMED_CV_CODES = Set.copyOf(RENAMED.values().stream()
            .map(FindingCatalogue::toCode).toList());

    private NlpVocabulary() {
    }

    /** The CV finding an NLP-only key names, if {@code name} is one (case ignored). */
    static Optional<Finding> renamedFinding(String name) {
        String cvKey = RENAMED.get(normalised(name));
        return cvKey == null ? Optional.empty() : FindingCatalogue.byModelKey(cvKey);
    }

    /** The report label {@code name} is, if it is one (case ignored). */
    static Optional<String> reportLabel(String name) {
        String label = normalised(name);
        return REPORT_LABELS.contains(label) ? Optional.of(label) : Optional.empty();
    }

    /** Whether the CV model names this finding differently from the NLP model. */
    static boolean hasAnotherNlpName(Finding finding) {
        return RENAMED_CV_CODES.contains(finding.code());
    }

    /** The NLP model's key for a finding: its own name for the six renamed ones, else the CV key. */
    public static String nlpKey(Finding finding) {
        for (Map.Entry<String, String> entry : RENAMED.entrySet()) {
            if (entry.getValue().equals(finding.modelKey())) {
                return entry.getKey();
            }
        }
        return finding.modelKey();
    }

    /** All 45 labels of the NLP model: the 38 findings under their NLP names, then the report labels. */
    public static List<String> allLabels() {
        List<String> labels = new ArrayList<>(45);
        FindingCatalogue.all().forEach(f -> labels.add(nlpKey(f)));
        labels.addAll(REPORT_LABELS);
        return labels;
    }

    private static String normalised(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }
}
