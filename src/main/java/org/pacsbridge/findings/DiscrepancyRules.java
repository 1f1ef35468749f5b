package org.pacsbridge.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When image and report disagree enough to tell someone. Raw AI-versus-report disagreement is
 * common and mostly clinically irrelevant, so only the configured findings are watched, only
 * clear disagreement counts (a high probability on one side, a low one on the other), and every
 * alert carries the figures that made it fire.
 */
public final class DiscrepancyRules {

    /** The image sees the finding, the report does not: a possible miss in the report. */
    public static final String IMAGE_POSITIVE_REPORT_NEGATIVE = "image-positive-report-negative";
    /** The report states the finding, the image does not show it. */
    public static final String REPORT_POSITIVE_IMAGE_NEGATIVE = "report-positive-image-negative";
    /** X-Raydar-CV graded an image urgent or critical. */
    public static final String URGENT_IMAGE = "urgent-image";

    /** The thresholds for one finding; {@code reverse} enables {@link #REPORT_POSITIVE_IMAGE_NEGATIVE}. */
    public record Thresholds(double imageHigh, double reportLow, double reportHigh, double imageLow, boolean reverse) {

        public Thresholds {
            check("image-high", imageHigh);
            check("report-low", reportLow);
            check("report-high", reportHigh);
            check("image-low", imageLow);
            if (reportLow >= imageHigh || imageLow >= reportHigh) {
                throw new IllegalArgumentException("a low threshold must be below the high one (report-low "
                        + reportLow + ", image-high " + imageHigh + ", image-low " + imageLow + ", report-high " + reportHigh + ")");
            }
        }

        private static void check(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
            }
        }
    }

    private final Map<String, Thresholds> watched;
    private final Set<String> urgencies;

    public DiscrepancyRules(Map<String, Thresholds> watched, Set<String> urgencies) {
        this.watched = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(watched));
        Set<String> lower = new LinkedHashSet<>();
        urgencies.forEach(u -> lower.add(u.trim().toLowerCase(Locale.ROOT)));
        this.urgencies = Set.copyOf(lower);
    }

    /** The rules of the configuration; a finding with an override is watched even if not listed. */
    public static DiscrepancyRules from(AlertConfig config) {
        if (!config.enabled()) {
            return new DiscrepancyRules(Map.of(), Set.of());
        }
        Thresholds defaults = new Thresholds(config.imageHigh(), config.reportLow(), config.reportHigh(),
                config.imageLow(), config.reportPositiveImageNegative());
        Map<String, Thresholds> watched = new LinkedHashMap<>();
        config.findings().forEach(code -> watched.put(code.trim(), defaults));
        config.rule().forEach((code, o) -> watched.put(code, new Thresholds(
                o.imageHigh().orElse(defaults.imageHigh()), o.reportLow().orElse(defaults.reportLow()),
                o.reportHigh().orElse(defaults.reportHigh()), o.imageLow().orElse(defaults.imageLow()),
                o.reportPositiveImageNegative().orElse(defaults.reverse()))));
        return new DiscrepancyRules(watched, Set.copyOf(config.urgencies().orElse(List.of())));
    }

    public Set<String> watchedFindings() {
        return watched.keySet();
    }

    /** Every alert that holds for the study as it is now. */
    public List<Alert> evaluate(StudyState state, List<StudyFinding> findings) {
        List<Alert> alerts = new ArrayList<>();
        for (StudyFinding f : findings) {
            Thresholds t = watched.get(f.code());
            if (t == null || f.imageProbability() == null || f.reportProbability() == null) {
                continue;
            }
            double image = f.imageProbability();
            double report = f.reportProbability();
            if (image >= t.imageHigh() && report <= t.reportLow()) {
                alerts.add(new Alert(IMAGE_POSITIVE_REPORT_NEGATIVE, IMAGE_POSITIVE_REPORT_NEGATIVE + ":" + f.code(), f, t,
                        null, f.imageSopInstanceUid(), String.format(Locale.ROOT,
                                "%s: image probability %.2f (>= %.2f, image %s) but report probability %.2f (<= %.2f)"
                                        + " - possibly not in the report",
                                f.label(), image, t.imageHigh(), f.imageSopInstanceUid(), report, t.reportLow())));
            }
            if (t.reverse() && report >= t.reportHigh() && image <= t.imageLow()) {
                alerts.add(new Alert(REPORT_POSITIVE_IMAGE_NEGATIVE, REPORT_POSITIVE_IMAGE_NEGATIVE + ":" + f.code(), f, t,
                        null, f.imageSopInstanceUid(), String.format(Locale.ROOT,
                                "%s: report probability %.2f (>= %.2f) but highest image probability %.2f (<= %.2f)"
                                        + " - stated in the report, not seen on the frontal images",
                                f.label(), report, t.reportHigh(), image, t.imageLow())));
            }
        }
        for (ImageRead image : state.images()) {
            String urgency = image.urgency();
            if (urgency != null && urgencies.contains(urgency.toLowerCase(Locale.ROOT))) {
                alerts.add(new Alert(URGENT_IMAGE, URGENT_IMAGE + ":" + image.sopInstanceUid(), null, null, urgency,
                        image.sopInstanceUid(), "X-Raydar-CV graded image " + image.sopInstanceUid() + " '" + urgency + "'"));
            }
        }
        return alerts;
    }
}
