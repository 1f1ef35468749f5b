package org.pacsbridge.findings;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Which images of a study are frontal, and so combined into the study's image findings. */
public record FrontalViews(Set<String> viewPositions, boolean unknownIsFrontal) {

    public FrontalViews {
        viewPositions = viewPositions.stream().map(v -> v.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isFrontal(ImageRead image) {
        String view = image.viewPosition();
        if (view == null || view.isBlank()) {
            return unknownIsFrontal;
        }
        return viewPositions.contains(view.trim().toUpperCase(Locale.ROOT));
    }
}
