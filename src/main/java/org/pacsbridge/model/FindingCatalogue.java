package org.pacsbridge.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The 38 findings X-Raydar reports (the 37 radiological abnormalities plus
 * {@code abnormal_non_clinically_important}), in the order the model emits them.
 *
 * <p>Each finding carries the model's key exactly as spelled by the model, a stable code
 * (the key in lower case with {@code .} dropped) for use in events and metrics, and a label
 * for people.
 */
public final class FindingCatalogue {

    /**
     * One finding.
     *
     * @param modelKey the key as the model spells it, e.g. {@code Pulmonary_bloodflow_redis.}
     * @param code     stable code, e.g. {@code pulmonary_bloodflow_redis}
     * @param label    human label, e.g. "Pulmonary blood flow redistribution"
     */
    public record Finding(String modelKey, String code, String label) {
        public Finding {
            Objects.requireNonNull(modelKey, "modelKey");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(label, "label");
        }
    }

    private static final List<Finding> ALL;
    private static final Map<String, Finding> BY_MODEL_KEY = new HashMap<>();
    private static final Map<String, Finding> BY_CODE = new HashMap<>();
    private static final Map<String, Finding> BY_LABEL = new HashMap<>();

    static {
        List<Finding> findings = new ArrayList<>(38);
        add(findings, "abnormal_non_clinically_important", "Abnormal, not clinically important");
        add(findings, "aortic_calcification", "Aortic calcification");
        add(findings, "apical_changes", "Apical changes");
        add(findings, "atelectasis", "Atelectasis");
        add(findings, "axillary_abnormality", "Axillary abnormality");
        add(findings, "bronchial_changes", "Bronchial changes");
        add(findings, "bulla", "Bulla");
        add(findings, "cardiomegaly", "Cardiomegaly");
        add(findings, "cavity", "Cavity");
        add(findings, "clavicle_fracture", "Clavicle fracture");
        add(findings, "consolidation", "Consolidation");
        add(findings, "cardiac_calcification", "Cardiac calcification");
        add(findings, "dextrocardia", "Dextrocardia");
        add(findings, "dilated_bowel", "Dilated bowel");
        add(findings, "emphysema", "Emphysema");
        add(findings, "ground_glass_opacification", "Ground-glass opacification");
        add(findings, "hemidiaphragm_elevated", "Elevated hemidiaphragm");
        add(findings, "hernia", "Hernia");
        add(findings, "hyperexpanded_lungs", "Hyperexpanded lungs");
        add(findings, "interstitial_shadowing", "Interstitial shadowing");
        add(findings, "mediastinum_displaced", "Displaced mediastinum");
        add(findings, "mediastinum_widened", "Widened mediastinum");
        add(findings, "object", "Object (device or foreign body)");
        add(findings, "paraspinal_mass", "Paraspinal mass");
        add(findings, "paratracheal_hilar_enlargement", "Paratracheal or hilar enlargement");
        add(findings, "parenchymal_lesion", "Parenchymal lesion");
        add(findings, "pleural_abnormality", "Pleural abnormality");
        add(findings, "pleural_effusion", "Pleural effusion");
        add(findings, "pneumomediastinum", "Pneumomediastinum");
        add(findings, "pneumoperitoneum", "Pneumoperitoneum");
        add(findings, "pneumothorax", "Pneumothorax");
        add(findings, "rib_fracture", "Rib fracture");
        add(findings, "rib_lesion", "Rib lesion");
        add(findings, "scoliosis", "Scoliosis");
        add(findings, "subcutaneous_emphysema", "Subcutaneous emphysema");
        add(findings, "tortuosity_aorta", "Aortic tortuosity");
        add(findings, "Pulmonary_bloodflow_redis.", "Pulmonary blood flow redistribution");
        add(findings, "volume_loss", "Volume loss");
        ALL = Collections.unmodifiableList(findings);
    }

    private FindingCatalogue() {
    }

    private static void add(List<Finding> findings, String modelKey, String label) {
        Finding finding = new Finding(modelKey, toCode(modelKey), label);
        findings.add(finding);
        BY_MODEL_KEY.put(modelKey, finding);
        BY_CODE.put(finding.code(), finding);
        BY_LABEL.put(label.toLowerCase(Locale.ROOT), finding);
    }

    /** The code for a model key: lower case, {@code .} dropped. */
    public static String toCode(String modelKey) {
        return modelKey.toLowerCase(Locale.ROOT).replace(".", "");
    }

    /** All 38 findings in the model's order. */
    public static List<Finding> all() {
        return ALL;
    }

    /**
     * The finding for a model key. The exact spelling matches first; a key that differs only in
     * case or in the trailing dot ({@code pulmonary_bloodflow_redis}) is accepted as well.
     */
    public static Optional<Finding> byModelKey(String modelKey) {
        if (modelKey == null) {
            return Optional.empty();
        }
        Finding exact = BY_MODEL_KEY.get(modelKey);
        if (exact != null) {
            return Optional.of(exact);
        }
        String trimmed = modelKey.strip();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        // after lower-casing and dropping the one trailing dot, a tolerated key equals a code
        return trimmed.contains(".") ? Optional.empty()
                : Optional.ofNullable(BY_CODE.get(trimmed.toLowerCase(Locale.ROOT)));
    }

    /** The finding for a stable code (exact match). */
    public static Optional<Finding> byCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
    }

    /**
     * The finding a provider name refers to: a model key (tolerant as in {@link #byModelKey}),
     * a code, or a label, ignoring case.
     */
    public static Optional<Finding> resolve(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<Finding> byKey = byModelKey(name);
        if (byKey.isPresent()) {
            return byKey;
        }
        return Optional.ofNullable(BY_LABEL.get(name.strip().toLowerCase(Locale.ROOT)));
    }
}
