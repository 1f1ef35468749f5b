package org.pacsbridge.dicom;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Decides what happens to each attribute under the Basic Application Level Confidentiality Profile
 * (PS3.15 Annex E.1): the rows of {@link ConfidentialityProfileTable}, plus the rules that cover
 * ranges of tags, plus the {@link DeidentificationOptions} of one run.
 *
 * <p>Rules beyond the listed rows: private attributes (odd groups) are removed; so are overlays
 * (groups 60xx) and curves (groups 50xx), group lengths (gggg,0000), which the copy could no longer
 * honour, command and file meta elements that do not belong in a data set, and any earlier de-identification marks, which {@link Deidentifier} writes afresh. A UI
 * attribute the table does not list is treated as an instance UID and replaced, except the ones
 * that name a class, a transfer syntax or a coding scheme. Everything else is kept.
 */
final class DeidentificationProfile {

    static final int PATIENT_IDENTITY_REMOVED = 0x00120062;
    static final int DEIDENTIFICATION_METHOD = 0x00120063;
    static final int DEIDENTIFICATION_METHOD_CODE_SEQUENCE = 0x00120064;

    /** UI attributes whose values name a kind of thing (class, syntax, scheme), not an instance. */
    private static final Set<Integer> KEPT_UIDS = Set.of(
            Tag.SOPClassUID,
            0x0008001A, // Related General SOP Class UID
            0x0008001B, // Original Specialized SOP Class UID
            0x00080062, // SOP Classes in Study
            0x0008010C, // Coding Scheme UID
            0x00081150, // Referenced SOP Class UID
            0x00041510, // Referenced SOP Class UID in File
            0x00041512, // Referenced Transfer Syntax UID in File
            0x04000010); // MAC Calculation Transfer Syntax UID

    /** VRs of attributes outside the table that matter when reading implicit VR. */
    private static final Map<Integer, VR> OTHER_KNOWN_VRS = Map.of(
            Tag.SOPClassUID, VR.UI,
            0x0008001A, VR.UI,
            0x0008001B, VR.UI,
            0x00081150, VR.UI,
            0x0008010C, VR.UI,
            Tag.SpecificCharacterSet, VR.CS,
            Tag.PixelData, VR.OW,
            Tag.FloatPixelData, VR.OF,
            Tag.DoubleFloatPixelData, VR.OD);

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
     * @param tag the attribute, at any nesting level
     * @param vr  its VR as far as known (from an explicit header, else {@link #knownVr}); null if unknown
     */
    DeidentificationAction actionFor(int tag, VR vr) {
        int group = Tag.group(tag);
        if ((group & 1) == 1 || Tag.element(tag) == 0x0000 || group == 0x0000 || group == 0x0002
                || (group & 0xFF00) == 0x6000 || (group & 0xFF00) == 0x5000
                || tag == PATIENT_IDENTITY_REMOVED || tag == DEIDENTIFICATION_METHOD
                || tag == DEIDENTIFICATION_METHOD_CODE_SEQUENCE) {
            return DeidentificationAction.X;
        }
        if (pseudonym != null && (tag == Tag.PatientName || tag == Tag.PatientID)) {
            return DeidentificationAction.D;
        }
        if (options.keepDescriptions() && DESCRIPTIONS.contains(tag)) {
            return DeidentificationAction.C;
        }
        ConfidentialityProfileTable.Row row = ConfidentialityProfileTable.find(tag);
        if (row != null) {
            return row.action();
        }
        if (vr == VR.UI && !KEPT_UIDS.contains(tag)) {
            return DeidentificationAction.U;
        }
        return DeidentificationAction.K;
    }

    /** @return the VR PS3.6 gives {@code tag}, as far as this profile needs to know; null otherwise */
    static VR knownVr(int tag) {
        ConfidentialityProfileTable.Row row = ConfidentialityProfileTable.find(tag);
        return row != null ? row.vr() : OTHER_KNOWN_VRS.get(tag);
    }

    /** @return the value written for action D: the pseudonym for patient name and ID, else a dummy of the VR */
    byte[] dummyValue(int tag, VR vr) {
        if (pseudonym != null && (tag == Tag.PatientName || tag == Tag.PatientID)) {
            return DummyValues.padded(pseudonym, VR.LO);
        }
        return DummyValues.forVr(vr);
    }
}
