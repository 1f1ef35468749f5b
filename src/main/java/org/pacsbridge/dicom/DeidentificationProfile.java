package org.pacsbridge.dicom;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decides what happens to each attribute of a de-identified copy: an attribute is copied only if
 * {@link ImageAllowList} lists it where it stands (at the top level or inside an allowed sequence),
 * with the list's action; everything else is removed. The {@link DeidentificationOptions} of one
 * run add the patient pseudonym and, if asked for, the cleaned descriptions.
 */
final class DeidentificationProfile {

    static final int PATIENT_IDENTITY_REMOVED = 0x00120062;
    static final int DEIDENTIFICATION_METHOD = 0x00120063;
    static final int DEIDENTIFICATION_METHOD_CODE_SEQUENCE = 0x00120064;

    /** Descriptions kept, after cleaning, when {@link DeidentificationOptions#keepDescriptions()}. */
    private static final Set<Integer> DESCRIPTIONS = Set.of(
            0x00081030, // Study Description
            0x0008103E, // Series Description
            0x00181030); // Protocol Name

    private final DeidentificationOptions options;
    private final byte[] pseudonym;

    DeidentificationProfile(DeidentificationOptions options) {
        this.options = options;
        this.pseudonym = options.patientPseudonym() == null ? null
                : options.patientPseudonym().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param sequence the sequence whose item holds the attribute, or {@link ImageAllowList#TOP_LEVEL}
     * @param tag      the attribute
     */
    DeidentificationAction actionFor(int sequence, int tag) {
        boolean topLevel = sequence == ImageAllowList.TOP_LEVEL;
        if (topLevel && pseudonym != null && (tag == Tag.PatientName || tag == Tag.PatientID)) {
            return DeidentificationAction.D;
        }
        if (topLevel && options.keepDescriptions() && DESCRIPTIONS.contains(tag)) {
            return DeidentificationAction.C;
        }
        ImageAllowList.Entry entry = ImageAllowList.find(sequence, tag);
        return entry == null ? DeidentificationAction.X : entry.action();
    }

    /** @return the VR of an attribute the copy may hold, for implicit VR data sets and dummies; null otherwise */
    VR knownVr(int sequence, int tag) {
        ImageAllowList.Entry entry = ImageAllowList.find(sequence, tag);
        if (entry != null) {
            return entry.vr();
        }
        return sequence == ImageAllowList.TOP_LEVEL && DESCRIPTIONS.contains(tag) ? VR.LO : null;
    }

    /** @return the value written for action D: the pseudonym for patient name and ID, else a dummy of the VR */
    byte[] dummyValue(int tag, VR vr) {
        if (pseudonym != null && (tag == Tag.PatientName || tag == Tag.PatientID)) {
            return DummyValues.padded(pseudonym, VR.LO);
        }
        return DummyValues.forVr(vr);
    }
}
