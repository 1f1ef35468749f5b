package org.pacsbridge.findings;

/**
 * An alert the rules raise for a study.
 *
 * @param rule   {@link DiscrepancyRules#IMAGE_POSITIVE_REPORT_NEGATIVE},
 *               {@link DiscrepancyRules#REPORT_POSITIVE_IMAGE_NEGATIVE} or {@link DiscrepancyRules#URGENT_IMAGE}
 * @param key    identifies the alert within its study (rule and finding, or rule and image), so it is raised once
 * @param finding the finding, or null for an urgency alert
 * @param thresholds the thresholds that applied, or null for an urgency alert
 * @param urgency the image's urgency (urgency alerts), else null
 * @param reason why it fired, in words, with the figures
 */
public record Alert(String rule, String key, StudyFinding finding, DiscrepancyRules.Thresholds thresholds,
        String urgency, String sopInstanceUid, String reason) {
}
