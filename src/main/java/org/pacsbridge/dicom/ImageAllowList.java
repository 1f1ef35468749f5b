package org.pacsbridge.dicom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only attributes a de-identified image copy may hold: what an image model needs to read the
 * pixels (image pixel, palette and LUT attributes, geometry, photometry, what the image shows)
 * and what makes the copy a valid image object (the Type 1 and Type 2 attributes of the patient,
 * study, series and equipment modules, emptied or replaced). Everything not listed here — at the
 * top level or inside an allowed sequence — is left out: private attributes, free text, dates,
 * references, sequences.
 *
 * <p>Each entry says what happens to the value: kept (K), its UIDs replaced (U), emptied (Z), or
 * replaced by a dummy (D). An attribute that PS3.15 Table E.1-1 ({@link ConfidentialityProfileTable})
 * lists is never kept: its entry takes one of the actions the table allows, which
 * {@link #checkAgainstProfile()} enforces when the class is loaded.
 */
final class ImageAllowList {

    /** The enclosing "sequence" of top-level attributes. */
    static final int TOP_LEVEL = 0;

    /**
     * One allowed attribute.
     *
     * @param sequence the sequence whose items may hold it, or {@link #TOP_LEVEL}
     * @param tag      the attribute
     * @param vr       its VR (PS3.6; the first one listed where there is a choice)
     * @param action   K, U, Z or D
     * @param keyword  the attribute keyword of PS3.6
     */
    record Entry(int sequence, int tag, VR vr, DeidentificationAction action, String keyword) {
    }

    private static final DeidentificationAction K = DeidentificationAction.K;
    private static final DeidentificationAction U = DeidentificationAction.U;
    private static final DeidentificationAction Z = DeidentificationAction.Z;
    private static final DeidentificationAction D = DeidentificationAction.D;

    private static final int ANATOMIC_REGION_SEQUENCE = 0x00082218;
    private static final int MODALITY_LUT_SEQUENCE = 0x00283000;
    private static final int VOI_LUT_SEQUENCE = 0x00283010;

    private static final Map<Integer, Map<Integer, Entry>> ENTRIES;

    static {
        Map<Integer, Map<Integer, Entry>> entries = new LinkedHashMap<>();
        // SOP common
        add(entries, TOP_LEVEL, 0x00080005, VR.CS, K, "SpecificCharacterSet");
        add(entries, TOP_LEVEL, 0x00080016, VR.UI, K, "SOPClassUID");
        add(entries, TOP_LEVEL, 0x00080018, VR.UI, U, "SOPInstanceUID");
        // Patient: Type 2, present and empty (name and ID carry the pseudonym when there is one)
        add(entries, TOP_LEVEL, 0x00100010, VR.PN, Z, "PatientName");
        add(entries, TOP_LEVEL, 0x00100020, VR.LO, Z, "PatientID");
        add(entries, TOP_LEVEL, 0x00100030, VR.DA, Z, "PatientBirthDate");
        add(entries, TOP_LEVEL, 0x00100040, VR.CS, Z, "PatientSex");
        // General study: Type 1 and 2
        add(entries, TOP_LEVEL, 0x0020000D, VR.UI, U, "StudyInstanceUID");
        add(entries, TOP_LEVEL, 0x00080020, VR.DA, Z, "StudyDate");
        add(entries, TOP_LEVEL, 0x00080030, VR.TM, Z, "StudyTime");
        add(entries, TOP_LEVEL, 0x00080090, VR.PN, Z, "ReferringPhysicianName");
        add(entries, TOP_LEVEL, 0x00200010, VR.SH, Z, "StudyID");
        add(entries, TOP_LEVEL, 0x00080050, VR.SH, Z, "AccessionNumber");
        // General series, DX series, general equipment
        add(entries, TOP_LEVEL, 0x00080060, VR.CS, K, "Modality");
        add(entries, TOP_LEVEL, 0x0020000E, VR.UI, U, "SeriesInstanceUID");
        add(entries, TOP_LEVEL, 0x00200011, VR.IS, K, "SeriesNumber");
        add(entries, TOP_LEVEL, 0x00200060, VR.CS, K, "Laterality");
        add(entries, TOP_LEVEL, 0x00080068, VR.CS, K, "PresentationIntentType");
        add(entries, TOP_LEVEL, 0x00080070, VR.LO, Z, "Manufacturer");
        add(entries, TOP_LEVEL, 0x00080064, VR.CS, K, "ConversionType");
        // Type 2 in DX and others: present and empty, its items never copied
        add(entries, TOP_LEVEL, 0x00400555, VR.SQ, Z, "AcquisitionContextSequence");
        // What the image shows
        add(entries, TOP_LEVEL, 0x00180015, VR.CS, K, "BodyPartExamined");
        add(entries, TOP_LEVEL, 0x00185101, VR.CS, K, "ViewPosition");
        add(entries, TOP_LEVEL, 0x00200062, VR.CS, K, "ImageLaterality");
        add(entries, TOP_LEVEL, 0x00200020, VR.CS, K, "PatientOrientation");
        add(entries, TOP_LEVEL, ANATOMIC_REGION_SEQUENCE, VR.SQ, K, "AnatomicRegionSequence");
        add(entries, ANATOMIC_REGION_SEQUENCE, 0x00080100, VR.SH, K, "CodeValue");
        add(entries, ANATOMIC_REGION_SEQUENCE, 0x00080102, VR.SH, K, "CodingSchemeDesignator");
        add(entries, ANATOMIC_REGION_SEQUENCE, 0x00080103, VR.SH, K, "CodingSchemeVersion");
        // Type 1 in the code macro but free text: the code value says what it means
        add(entries, ANATOMIC_REGION_SEQUENCE, 0x00080104, VR.LO, D, "CodeMeaning");
        // General image, DX image
        add(entries, TOP_LEVEL, 0x00080008, VR.CS, K, "ImageType");
        add(entries, TOP_LEVEL, 0x00200013, VR.IS, K, "InstanceNumber");
        add(entries, TOP_LEVEL, 0x00080023, VR.DA, Z, "ContentDate");
        add(entries, TOP_LEVEL, 0x00080033, VR.TM, Z, "ContentTime");
        add(entries, TOP_LEVEL, 0x00280301, VR.CS, K, "BurnedInAnnotation");
        add(entries, TOP_LEVEL, 0x00282110, VR.CS, K, "LossyImageCompression");
        add(entries, TOP_LEVEL, 0x00282112, VR.DS, K, "LossyImageCompressionRatio");
        add(entries, TOP_LEVEL, 0x00282114, VR.CS, K, "LossyImageCompressionMethod");
        add(entries, TOP_LEVEL, 0x00281040, VR.CS, K, "PixelIntensityRelationship");
        add(entries, TOP_LEVEL, 0x00281041, VR.SS, K, "PixelIntensityRelationshipSign");
        // Image pixel
        add(entries, TOP_LEVEL, 0x00280002, VR.US, K, "SamplesPerPixel");
        add(entries, TOP_LEVEL, 0x00280004, VR.CS, K, "PhotometricInterpretation");
        add(entries, TOP_LEVEL, 0x00280006, VR.US, K, "PlanarConfiguration");
        add(entries, TOP_LEVEL, 0x00280008, VR.IS, K, "NumberOfFrames");
        add(entries, TOP_LEVEL, 0x00280009, VR.AT, K, "FrameIncrementPointer");
        add(entries, TOP_LEVEL, 0x00280010, VR.US, K, "Rows");
        add(entries, TOP_LEVEL, 0x00280011, VR.US, K, "Columns");
        add(entries, TOP_LEVEL, 0x00280034, VR.IS, K, "PixelAspectRatio");
        add(entries, TOP_LEVEL, 0x00280100, VR.US, K, "BitsAllocated");
        add(entries, TOP_LEVEL, 0x00280101, VR.US, K, "BitsStored");
        add(entries, TOP_LEVEL, 0x00280102, VR.US, K, "HighBit");
        add(entries, TOP_LEVEL, 0x00280103, VR.US, K, "PixelRepresentation");
        add(entries, TOP_LEVEL, 0x00280106, VR.US, K, "SmallestImagePixelValue");
        add(entries, TOP_LEVEL, 0x00280107, VR.US, K, "LargestImagePixelValue");
        add(entries, TOP_LEVEL, 0x00280120, VR.US, K, "PixelPaddingValue");
        add(entries, TOP_LEVEL, 0x00280121, VR.US, K, "PixelPaddingRangeLimit");
        add(entries, TOP_LEVEL, 0x7FE00008, VR.OF, K, "FloatPixelData");
        add(entries, TOP_LEVEL, 0x7FE00009, VR.OD, K, "DoubleFloatPixelData");
        add(entries, TOP_LEVEL, Tag.PixelData, VR.OW, K, "PixelData");
        // Palette colour (PALETTE COLOR images)
        add(entries, TOP_LEVEL, 0x00281101, VR.US, K, "RedPaletteColorLookupTableDescriptor");
        add(entries, TOP_LEVEL, 0x00281102, VR.US, K, "GreenPaletteColorLookupTableDescriptor");
        add(entries, TOP_LEVEL, 0x00281103, VR.US, K, "BluePaletteColorLookupTableDescriptor");
        add(entries, TOP_LEVEL, 0x00281199, VR.UI, U, "PaletteColorLookupTableUID");
        add(entries, TOP_LEVEL, 0x00281201, VR.OW, K, "RedPaletteColorLookupTableData");
        add(entries, TOP_LEVEL, 0x00281202, VR.OW, K, "GreenPaletteColorLookupTableData");
        add(entries, TOP_LEVEL, 0x00281203, VR.OW, K, "BluePaletteColorLookupTableData");
        add(entries, TOP_LEVEL, 0x00281221, VR.OW, K, "SegmentedRedPaletteColorLookupTableData");
        add(entries, TOP_LEVEL, 0x00281222, VR.OW, K, "SegmentedGreenPaletteColorLookupTableData");
        add(entries, TOP_LEVEL, 0x00281223, VR.OW, K, "SegmentedBluePaletteColorLookupTableData");
        // Geometry
        add(entries, TOP_LEVEL, 0x00280030, VR.DS, K, "PixelSpacing");
        add(entries, TOP_LEVEL, 0x00181164, VR.DS, K, "ImagerPixelSpacing");
        add(entries, TOP_LEVEL, 0x00187004, VR.CS, K, "DetectorType");
        add(entries, TOP_LEVEL, 0x00181508, VR.CS, K, "PositionerType");
        // Modality LUT, VOI LUT, presentation LUT
        add(entries, TOP_LEVEL, 0x00281052, VR.DS, K, "RescaleIntercept");
        add(entries, TOP_LEVEL, 0x00281053, VR.DS, K, "RescaleSlope");
        add(entries, TOP_LEVEL, 0x00281054, VR.LO, K, "RescaleType");
        add(entries, TOP_LEVEL, MODALITY_LUT_SEQUENCE, VR.SQ, K, "ModalityLUTSequence");
        add(entries, MODALITY_LUT_SEQUENCE, 0x00283002, VR.US, K, "LUTDescriptor");
        add(entries, MODALITY_LUT_SEQUENCE, 0x00283004, VR.LO, K, "ModalityLUTType");
        add(entries, MODALITY_LUT_SEQUENCE, 0x00283006, VR.US, K, "LUTData");
        add(entries, TOP_LEVEL, 0x00281050, VR.DS, K, "WindowCenter");
        add(entries, TOP_LEVEL, 0x00281051, VR.DS, K, "WindowWidth");
        add(entries, TOP_LEVEL, 0x00281056, VR.CS, K, "VOILUTFunction");
        add(entries, TOP_LEVEL, VOI_LUT_SEQUENCE, VR.SQ, K, "VOILUTSequence");
        add(entries, VOI_LUT_SEQUENCE, 0x00283002, VR.US, K, "LUTDescriptor");
        add(entries, VOI_LUT_SEQUENCE, 0x00283006, VR.US, K, "LUTData");
        add(entries, TOP_LEVEL, 0x20500020, VR.CS, K, "PresentationLUTShape");
        ENTRIES = Collections.unmodifiableMap(entries);
        checkAgainstProfile();
    }

    private ImageAllowList() {
    }

    /** @return the entry of {@code tag} inside items of {@code sequence} (or at the top level), or null: not allowed */
    static Entry find(int sequence, int tag) {
        Map<Integer, Entry> level = ENTRIES.get(sequence);
        return level == null ? null : level.get(tag);
    }

    /** @return every entry, top level first, in the order written above */
    static List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        ENTRIES.values().forEach(level -> all.addAll(level.values()));
        return all;
    }

    /**
     * Fails if an entry keeps an attribute the profile table lists, or takes an action the table's
     * code does not offer for it. Z allows a dummy value too (PS3.15 E.1: "or a non-zero length
     * value that may be a dummy value"), so D may stand where the table says Z.
     *
     * @throws IllegalStateException naming the first entry at odds with the table
     */
    static void checkAgainstProfile() {
        for (Map<Integer, Entry> level : ENTRIES.values()) {
            for (Entry entry : level.values()) {
                ConfidentialityProfileTable.Row row = ConfidentialityProfileTable.find(entry.tag());
                if (row != null && !permitted(row).contains(entry.action())) {
                    throw new IllegalStateException("Allow-list entry " + entry.keyword() + " " + Tag.toString(entry.tag())
                            + " takes " + entry.action() + " where PS3.15 Table E.1-1 says " + row.code());
                }
            }
        }
    }

    /**
     * The actions a row of the table permits; never K. An empty sequence carries no value, so Z may
     * stand for X on a sequence an IOD requires to be present (Type 2).
     */
    static Set<DeidentificationAction> permitted(ConfidentialityProfileTable.Row row) {
        Set<DeidentificationAction> actions = permitted(row.code());
        if (row.vr() == VR.SQ && actions.contains(DeidentificationAction.X)) {
            actions.add(Z);
        }
        return actions;
    }

    /** The actions a code of the table permits; never K. */
    static Set<DeidentificationAction> permitted(String code) {
        Set<DeidentificationAction> actions = EnumSet.noneOf(DeidentificationAction.class);
        for (String option : code.replace("*", "").split("/")) {
            DeidentificationAction action = DeidentificationAction.valueOf(option);
            actions.add(action);
            if (action == Z) {
                actions.add(D);
            }
        }
        actions.remove(K);
        return actions;
    }

    private static void add(Map<Integer, Map<Integer, Entry>> entries, int sequence, int tag, VR vr,
            DeidentificationAction action, String keyword) {
        if (sequence != TOP_LEVEL && find(entries, TOP_LEVEL, sequence) == null) {
            throw new IllegalStateException("sequence " + Tag.toString(sequence) + " is not allowed itself");
        }
        Entry previous = entries.computeIfAbsent(sequence, s -> new LinkedHashMap<>())
                .put(tag, new Entry(sequence, tag, vr, action, keyword));
        if (previous != null) {
            throw new IllegalStateException("duplicate entry " + Tag.toString(tag));
        }
    }

    private static Entry find(Map<Integer, Map<Integer, Entry>> entries, int sequence, int tag) {
        Map<Integer, Entry> level = entries.get(sequence);
        return level == null ? null : level.get(tag);
    }
}
