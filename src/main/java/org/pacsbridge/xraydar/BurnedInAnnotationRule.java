package org.pacsbridge.xraydar;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.pacsbridge.dicom.BurnedInAnnotation;

/**
 * Whether an image's pixels may carry burned-in text (names, IDs, dates written into the image),
 * which no attribute-level de-identification removes. Burned In Annotation (0028,0301) decides when
 * it is there: {@code NO} is the only value that clears an image; {@code YES} or anything else does
 * not. When it is absent (it is Type 3 in most image IODs), images of the listed modalities and SOP
 * classes — those whose pixels commonly hold text, such as secondary captures and ultrasound — are
 * taken to carry it; others are not.
 */
final class BurnedInAnnotationRule {

    private final Set<String> assumedModalities;
    private final Set<String> assumedSopClasses;

    BurnedInAnnotationRule(List<String> assumedModalities, List<String> assumedSopClasses) {
        this.assumedModalities = assumedModalities.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.assumedSopClasses = assumedSopClasses.stream().map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** @return how the image stands: stated or assumed to carry text, or not */
    Finding examine(BurnedInAnnotation image) {
        if (image.burnedInAnnotation() != null) {
            return image.burnedInAnnotation().equals("NO") ? Finding.NONE : Finding.STATED;
        }
        boolean assumed = image.modality() != null && assumedModalities.contains(image.modality().toUpperCase(Locale.ROOT))
                || image.sopClassUid() != null && assumedSopClasses.contains(image.sopClassUid());
        return assumed ? Finding.ASSUMED : Finding.NONE;
    }

    enum Finding {
        /** (0028,0301) is NO, or absent on an image that commonly has no burned-in text. */
        NONE,
        /** (0028,0301) is present and not NO. */
        STATED,
        /** (0028,0301) is absent on a modality or SOP class that commonly burns text in. */
        ASSUMED;

        boolean mayCarryText() {
            return this != NONE;
        }
    }
}
