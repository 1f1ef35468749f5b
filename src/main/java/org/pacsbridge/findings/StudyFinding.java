package org.pacsbridge.findings;

/**
 * One finding of a study, image and report side by side.
 *
 * @param imageProbability highest probability over the frontal images, or null without one
 * @param imageSopInstanceUid the image that probability came from
 * @param reportProbability the report's probability, or null without a report
 */
public record StudyFinding(String code, String label, Double imageProbability, String imageSopInstanceUid,
        Double reportProbability) {
}
