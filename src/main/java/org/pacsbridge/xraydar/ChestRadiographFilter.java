package org.pacsbridge.xraydar;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether a received image is a chest radiograph that X-Raydar-CV can read: a CR or DX
 * image, of the chest (body part, or a chest study/series description when the body part is
 * absent), meant for presentation, in a frontal view (lateral views only when configured).
 */
public final class ChestRadiographFilter {

    /** SOP classes whose images are raw detector data, not for reading. */
    private static final Set<String> FOR_PROCESSING_SOP_CLASSES = Set.of(
            "1.2.840.10008.5.1.4.1.1.1.1.1", // Digital X-Ray Image Storage - For Processing
            "1.2.840.10008.5.1.4.1.1.1.2.1", // Digital Mammography - For Processing
            "1.2.840.10008.5.1.4.1.1.1.3.1"); // Digital Intra-Oral - For Processing
    private static final Set<String> FRONTAL = Set.of("PA", "AP");
    private static final Set<String> LATERAL = Set.of("LL", "RL", "LAT", "LATERAL");

    private final Set<String> modalities;
    private final Set<String> bodyParts;
    private final Pattern chestDescription;
    private final boolean includeLateral;
    private final boolean acceptUnknownView;

    public ChestRadiographFilter(List<String> modalities, List<String> bodyParts, Pattern chestDescription,
            boolean includeLateral, boolean acceptUnknownView) {
        this.modalities = upper(modalities);
        this.bodyParts = upper(bodyParts);
        this.chestDescription = chestDescription;
        this.includeLateral = includeLateral;
        this.acceptUnknownView = acceptUnknownView;
    }

    /** The image's routing attributes, as the {@code dicom:} consumer puts them in headers. */
    public record Image(String modality, String bodyPartExamined, String studyDescription, String seriesDescription,
            String presentationIntentType, String viewPosition, String sopClassUid) {
    }

    /** Accepted, or why not (a short reason, safe for logs and metric tags). */
    public record Decision(boolean accepted, String reason) {
        static Decision accept() {
            return new Decision(true, "chest-radiograph");
        }

        static Decision reject(String reason) {
            return new Decision(false, reason);
        }
    }

    public Decision decide(Image image) {
        if (image.modality() == null || !modalities.contains(image.modality().toUpperCase(Locale.ROOT))) {
            return Decision.reject("modality");
        }
        if (!isChest(image)) {
            return Decision.reject("body-part");
        }
        if (image.sopClassUid() != null && FOR_PROCESSING_SOP_CLASSES.contains(image.sopClassUid())
                || "FOR PROCESSING".equalsIgnoreCase(blankToNull(image.presentationIntentType()))) {
            return Decision.reject("for-processing");
        }
        String view = blankToNull(image.viewPosition());
        if (view == null) {
            return acceptUnknownView ? Decision.accept() : Decision.reject("view-unknown");
        }
        view = view.toUpperCase(Locale.ROOT);
        if (FRONTAL.contains(view) || includeLateral && LATERAL.contains(view)) {
            return Decision.accept();
        }
        return Decision.reject("view");
    }

    private boolean isChest(Image image) {
        String bodyPart = blankToNull(image.bodyPartExamined());
        if (bodyPart != null) {
            return bodyParts.contains(bodyPart.toUpperCase(Locale.ROOT));
        }
        return matches(image.studyDescription()) || matches(image.seriesDescription());
    }

    private boolean matches(String description) {
        return description != null && chestDescription.matcher(description).find();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Set<String> upper(List<String> values) {
        return values.stream().map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
