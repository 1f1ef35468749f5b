package org.pacsbridge.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the raw values of the top-level attributes that make up {@link RoutingAttributes} and
 * decodes them once the data set has been read, when Specific Character Set is known whatever its
 * position.
 */
final class RoutingAttributeValues {

    /** Attributes whose VR (SH, LO) is decoded with the Specific Character Set. */
    private static final Set<Integer> CHARSET_TEXT = Set.of(
            Tag.PatientID, Tag.IssuerOfPatientID, Tag.AccessionNumber, Tag.StudyDescription, Tag.SeriesDescription);

    /** Attributes in the default repertoire (UI, CS, DA) or the character set itself. */
    private static final Set<Integer> DEFAULT_TEXT = Set.of(
            Tag.SpecificCharacterSet, Tag.ImageType, Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.StudyDate,
            Tag.Modality, Tag.PresentationIntentType, Tag.BodyPartExamined, Tag.ViewPosition,
            Tag.StudyInstanceUID, Tag.SeriesInstanceUID);

    private final Map<Integer, byte[]> raw = new HashMap<>();

    static boolean wants(int tag) {
        return CHARSET_TEXT.contains(tag) || DEFAULT_TEXT.contains(tag);
    }

    /** Keeps the first occurrence of {@code tag}; later duplicates are ignored. */
    void put(int tag, byte[] value) {
        raw.putIfAbsent(tag, value);
    }

    RoutingAttributes toRoutingAttributes() {
        Charset charset = SpecificCharacterSet.forValue(text(Tag.SpecificCharacterSet, StandardCharsets.ISO_8859_1));
        return new RoutingAttributes(
                text(Tag.PatientID, charset),
                text(Tag.IssuerOfPatientID, charset),
                text(Tag.AccessionNumber, charset),
                text(Tag.StudyInstanceUID, StandardCharsets.ISO_8859_1),
                text(Tag.SeriesInstanceUID, StandardCharsets.ISO_8859_1),
                text(Tag.SOPInstanceUID, StandardCharsets.ISO_8859_1),
                text(Tag.SOPClassUID, StandardCharsets.ISO_8859_1),
                text(Tag.Modality, StandardCharsets.ISO_8859_1),
                text(Tag.BodyPartExamined, StandardCharsets.ISO_8859_1),
                text(Tag.ViewPosition, StandardCharsets.ISO_8859_1),
                values(Tag.ImageType),
                text(Tag.StudyDescription, charset),
                text(Tag.SeriesDescription, charset),
                text(Tag.PresentationIntentType, StandardCharsets.ISO_8859_1),
                text(Tag.StudyDate, StandardCharsets.ISO_8859_1));
    }

    private String text(int tag, Charset charset) {
        byte[] value = raw.get(tag);
        if (value == null) {
            return null;
        }
        String trimmed = ValuePadding.strip(new String(value, charset));
        return trimmed.isEmpty() ? null : trimmed;
    }

    private List<String> values(int tag) {
        String text = text(tag, StandardCharsets.ISO_8859_1);
        List<String> result = new ArrayList<>();
        if (text != null) {
            for (String value : text.split("\\\\", -1)) {
                result.add(ValuePadding.strip(value));
            }
        }
        return result;
    }
}
