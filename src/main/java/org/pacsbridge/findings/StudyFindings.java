package org.pacsbridge.findings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pacsbridge.model.FindingCatalogue;

/** Puts a study's image findings (the highest per finding over its frontal images) beside its report's. */
public final class StudyFindings {

    private StudyFindings() {
    }

    public static List<StudyFinding> combine(StudyState state, FrontalViews frontal) {
        Set<String> codes = new LinkedHashSet<>();
        FindingCatalogue.all().forEach(f -> codes.add(f.code()));
        state.images().forEach(i -> codes.addAll(i.probabilities().keySet()));
        if (state.report() != null) {
            codes.addAll(state.report().probabilities().keySet());
        }
        List<StudyFinding> rows = new ArrayList<>();
        for (String code : codes) {
            Double best = null;
            String from = null;
            for (ImageRead image : state.images()) {
                Double p = frontal.isFrontal(image) ? image.probabilities().get(code) : null;
                if (p != null && (best == null || p > best)) {
                    best = p;
                    from = image.sopInstanceUid();
                }
            }
            Double reported = state.report() == null ? null : state.report().probabilities().get(code);
            if (best != null || reported != null) {
                rows.add(new StudyFinding(code, label(code), best, from, reported));
            }
        }
        return rows;
    }

    /** The most urgent grade over the study's frontal images, or null. */
    public static String imageUrgency(StudyState state, FrontalViews frontal) {
        String urgency = null;
        for (ImageRead image : state.images()) {
            if (frontal.isFrontal(image)) {
                urgency = Urgency.max(urgency, image.urgency());
            }
        }
        return urgency;
    }

    static String label(String code) {
        return FindingCatalogue.byCode(code).map(FindingCatalogue.Finding::label).orElse(code);
    }

    static Map<String, StudyFinding> byCode(List<StudyFinding> rows) {
        Map<String, StudyFinding> map = new java.util.LinkedHashMap<>();
        rows.forEach(r -> map.put(r.code(), r));
        return map;
    }
}
