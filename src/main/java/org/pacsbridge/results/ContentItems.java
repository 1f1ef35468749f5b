package org.pacsbridge.results;

import org.pacsbridge.dicom.DataSet;
import org.pacsbridge.dicom.VR;

/**
 * Appends SR content items (PS3.3 C.17.3) to a parent's Content Sequence: each item carries its
 * relationship to the parent, its value type, its concept name and its value.
 */
final class ContentItems {

    private static final int MAX_SHORT_CODE = 16;

    private ContentItems() {
    }

    static DataSet container(DataSet parent, String relationship, Code name) {
        DataSet item = item(parent, relationship, "CONTAINER", name);
        item.text(SrTags.ContinuityOfContent, VR.CS, "SEPARATE");
        return item;
    }

    static void code(DataSet parent, String relationship, Code name, Code value) {
        writeCode(item(parent, relationship, "CODE", name).addItem(SrTags.ConceptCodeSequence), value);
    }

    static void text(DataSet parent, String relationship, Code name, String value) {
        item(parent, relationship, "TEXT", name).text(SrTags.TextValue, VR.UT, value);
    }

    static void uidRef(DataSet parent, String relationship, Code name, String uid) {
        item(parent, relationship, "UIDREF", name).text(SrTags.UID, VR.UI, uid);
    }

    /** A NUM item; {@code value} is written as a decimal string of at most 16 characters. */
    static void num(DataSet parent, String relationship, Code name, String value, Code unit) {
        DataSet measured = item(parent, relationship, "NUM", name).addItem(SrTags.MeasuredValueSequence);
        writeCode(measured.addItem(SrTags.MeasurementUnitsCodeSequence), unit);
        measured.text(SrTags.NumericValue, VR.DS, value);
    }

    /** An IMAGE item; {@code name} may be null where the template gives the item no concept name. */
    static void image(DataSet parent, String relationship, Code name, String sopClassUid, String sopInstanceUid) {
        DataSet item = item(parent, relationship, "IMAGE", name);
        DataSet reference = item.addItem(SrTags.ReferencedSOPSequence);
        reference.text(SrTags.ReferencedSOPClassUID, VR.UI, sopClassUid);
        reference.text(SrTags.ReferencedSOPInstanceUID, VR.UI, sopInstanceUid);
    }

    /** Writes a code sequence item; a value longer than 16 characters goes to Long Code Value (PS3.3 8.8). */
    static void writeCode(DataSet target, Code code) {
        if (code.value().length() > MAX_SHORT_CODE) {
            target.text(SrTags.LongCodeValue, VR.UC, code.value());
        } else {
            target.text(SrTags.CodeValue, VR.SH, code.value());
        }
        target.text(SrTags.CodingSchemeDesignator, VR.SH, code.scheme());
        target.text(SrTags.CodeMeaning, VR.LO, code.meaning());
    }

    private static DataSet item(DataSet parent, String relationship, String valueType, Code name) {
        DataSet item = parent.addItem(SrTags.ContentSequence);
        item.text(SrTags.RelationshipType, VR.CS, relationship);
        item.text(SrTags.ValueType, VR.CS, valueType);
        if (name != null) {
            writeCode(item.addItem(SrTags.ConceptNameCodeSequence), name);
        }
        return item;
    }
}
