package org.pacsbridge.dicom;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Copies one data set element by element from a {@link DicomInput} to a {@link DicomOutput} in the
 * same encoding, applying a {@link DeidentificationProfile} at every nesting level. Values that stay
 * are copied through a fixed buffer; only values that are edited (UIDs, cleaned descriptions, the
 * character set) are read into memory, each bounded. What the profile does not allow is skipped
 * unread, sequences with all their items.
 *
 * <p>Sequences and items are written with undefined length, so no length has to be known before
 * their content is; encapsulated pixel data is copied fragment by fragment unchanged.
 */
final class DeidentifyingCopier {

    /** The most sequences nested inside one another that are followed. */
    static final int MAX_NESTING_DEPTH = 32;

    /** Longest UI, text to clean or Specific Character Set value read into memory. */
    private static final int MAX_EDITED_VALUE_LENGTH = 64 * 1024;

    private static final String METHOD = "PS3.15 E.1 Basic Application Level Confidentiality Profile";

    private final DicomInput in;
    private final DicomOutput out;
    private final DeidentificationProfile profile;
    private final DerivedUids uids;
    private final ValueSkipper skipper;

    private Charset charset = StandardCharsets.ISO_8859_1;
    private int removed;
    private int replaced;
    private int uidsReplaced;
    private String newStudyUid;
    private String newSeriesUid;
    private String newSopInstanceUid;

    DeidentifyingCopier(DicomInput in, DicomOutput out, DeidentificationProfile profile, DerivedUids uids) {
        this.in = in;
        this.out = out;
        this.profile = profile;
        this.uids = uids;
        this.skipper = new ValueSkipper(in, MAX_NESTING_DEPTH);
    }

    /** Copies the whole data set, up to the end of the input, adding the de-identification marks. */
    void copyDataSet(Encoding encoding) throws IOException {
        boolean marksWritten = false;
        ElementHeader header;
        while ((header = ElementHeader.read(in, encoding.explicitVr(), encoding.bigEndian())) != null) {
            int tag = header.tag();
            if (tag == Tag.Item) {
                throw new DicomFormatException("Item outside a sequence at byte offset " + (in.position() - 8));
            }
            if (tag == Tag.ItemDelimitationItem || tag == Tag.SequenceDelimitationItem) {
                continue; // a stray delimiter carries no data
            }
            if (!marksWritten && Integer.compareUnsigned(tag, DeidentificationProfile.DEIDENTIFICATION_METHOD_CODE_SEQUENCE) > 0) {
                writeMarks(encoding);
                marksWritten = true;
            }
            copyElement(header, encoding, ImageAllowList.TOP_LEVEL, 0);
        }
        if (!marksWritten) {
            writeMarks(encoding);
        }
    }

    DeidentificationReport report() {
        return new DeidentificationReport(removed, replaced, uidsReplaced, newStudyUid, newSeriesUid, newSopInstanceUid);
    }

    /** @param sequence the sequence whose item holds the element, or {@link ImageAllowList#TOP_LEVEL} */
    private void copyElement(ElementHeader header, Encoding encoding, int sequence, int depth) throws IOException {
        int tag = header.tag();
        VR vr = header.vr() == null || header.vr() == VR.UN ? profile.knownVr(sequence, tag) : header.vr();
        DeidentificationAction action = profile.actionFor(sequence, tag);

        if (header.hasUndefinedLength()) {
            if (header.vr() == VR.OB || header.vr() == VR.OW) {
                copyFragments(header, encoding, action, depth);
            } else if (header.vr() == null || header.vr() == VR.SQ || header.vr() == VR.UN) {
                Encoding itemEncoding = header.vr() == VR.UN ? Encoding.IMPLICIT_LITTLE_ENDIAN : encoding;
                copySequence(header, encoding, itemEncoding, action, -1, depth);
            } else {
                throw new DicomFormatException("Undefined length with VR " + header.vr() + " in "
                        + Tag.toString(tag) + " before byte offset " + in.position());
            }
            return;
        }
        if (vr == VR.SQ) {
            Encoding itemEncoding = header.vr() == VR.UN ? Encoding.IMPLICIT_LITTLE_ENDIAN : encoding;
            copySequence(header, encoding, itemEncoding, action, in.position() + header.length(), depth);
            return;
        }
        copyValue(header, encoding, vr, action, depth);
    }

    private void copyValue(ElementHeader header, Encoding encoding, VR vr, DeidentificationAction action, int depth)
            throws IOException {
        int tag = header.tag();
        long length = header.length();
        // The VR of a replaced value: the header's own, or a better-known one in place of UN.
        VR written = header.vr() == VR.UN && vr != null ? vr : header.vr();
        switch (action) {
            case X -> {
                in.skip(length);
                removed++;
            }
            case Z -> {
                in.skip(length);
                out.header(encoding, tag, written, 0);
                replaced++;
            }
            case D -> {
                in.skip(length);
                out.element(encoding, tag, written, profile.dummyValue(tag, vr));
                replaced++;
            }
            case U -> copyReplacedUids(tag, encoding, written, readEdited(tag, length), depth);
            case C -> copyCleaned(tag, encoding, written, readEdited(tag, length));
            case K -> {
                if (tag == Tag.SpecificCharacterSet && depth == 0) {
                    byte[] value = readEdited(tag, length);
                    charset = SpecificCharacterSet.forValue(new String(value, StandardCharsets.ISO_8859_1));
                    out.element(encoding, tag, written, value);
                } else {
                    out.header(encoding, tag, header.vr(), length);
                    out.copy(in, length);
                }
            }
            default -> throw new IllegalStateException("unhandled action " + action);
        }
    }

    private void copyReplacedUids(int tag, Encoding encoding, VR written, byte[] value, int depth) throws IOException {
        String original = new String(value, StandardCharsets.US_ASCII);
        String replacement = uids.replaceAll(original);
        if (!replacement.equals(ValuePadding.strip(original))) {
            uidsReplaced++;
        }
        if (depth == 0) {
            if (tag == Tag.StudyInstanceUID) {
                newStudyUid = replacement;
            } else if (tag == Tag.SeriesInstanceUID) {
                newSeriesUid = replacement;
            } else if (tag == Tag.SOPInstanceUID) {
                newSopInstanceUid = replacement;
            }
        }
        out.element(encoding, tag, written, DummyValues.padded(replacement.getBytes(StandardCharsets.US_ASCII), VR.UI));
    }

    private void copyCleaned(int tag, Encoding encoding, VR written, byte[] value) throws IOException {
        String text = new String(value, charset);
        String cleaned = DescriptionCleaner.clean(text);
        if (!cleaned.equals(text)) {
            value = DummyValues.padded(cleaned.getBytes(charset), written == null ? VR.LO : written);
            replaced++;
        }
        out.element(encoding, tag, written, value);
    }

    private byte[] readEdited(int tag, long length) throws IOException {
        if (length > MAX_EDITED_VALUE_LENGTH) {
            throw new DicomFormatException("Value of " + Tag.toString(tag) + " is " + length
                    + " bytes long, more than " + MAX_EDITED_VALUE_LENGTH + " allowed for an edited value");
        }
        byte[] value = new byte[(int) length];
        in.readFully(value, 0, value.length);
        return value;
    }

    /**
     * @param end the input position where a sequence of defined length ends, or -1 if delimited
     */
    private void copySequence(ElementHeader header, Encoding encoding, Encoding itemEncoding,
            DeidentificationAction action, long end, int depth) throws IOException {
        skipper.checkDepth(depth + 1);
        int tag = header.tag();
        VR written = header.vr();
        switch (action) {
            case X -> {
                skipper.skipValue(header, encoding, depth);
                removed++;
                return;
            }
            case Z, D -> {
                // An empty sequence: the dummy of a sequence, whose items would identify someone.
                skipper.skipValue(header, encoding, depth);
                out.header(encoding, tag, written, 0);
                replaced++;
                return;
            }
            default -> {
                // K, U and C: keep the sequence, and apply the profile to what its items hold.
            }
        }
        out.header(encoding, tag, written, ElementHeader.UNDEFINED_LENGTH);
        while (end < 0 || in.position() < end) {
            ElementHeader item = skipper.readNestedHeader(itemEncoding);
            if (end < 0 && item.tag() == Tag.SequenceDelimitationItem) {
                break;
            }
            if (item.tag() != Tag.Item) {
                throw new DicomFormatException("Expected an item in " + Tag.toString(tag) + " but found "
                        + Tag.toString(item.tag()) + " before byte offset " + in.position());
            }
            long itemEnd = item.hasUndefinedLength() ? -1 : in.position() + item.length();
            if (end >= 0 && (itemEnd < 0 || itemEnd > end)) {
                throw new DicomFormatException("Item runs past the end of " + Tag.toString(tag)
                        + " before byte offset " + in.position());
            }
            out.header(itemEncoding, Tag.Item, null, ElementHeader.UNDEFINED_LENGTH);
            copyItem(itemEncoding, itemEnd, tag, depth + 1);
            out.header(itemEncoding, Tag.ItemDelimitationItem, null, 0);
        }
        if (end >= 0 && in.position() != end) {
            throw new DicomFormatException("Items run past the end of " + Tag.toString(tag)
                    + " at byte offset " + in.position());
        }
        out.header(itemEncoding, Tag.SequenceDelimitationItem, null, 0);
    }

    /** @param end the input position where an item of defined length ends, or -1 if delimited */
    private void copyItem(Encoding encoding, long end, int sequence, int depth) throws IOException {
        while (end < 0 || in.position() < end) {
            ElementHeader header = skipper.readNestedHeader(encoding);
            if (end < 0 && header.tag() == Tag.ItemDelimitationItem) {
                return;
            }
            if (Tag.group(header.tag()) == 0xFFFE) {
                throw new DicomFormatException("Unexpected " + Tag.toString(header.tag())
                        + " inside an item before byte offset " + in.position());
            }
            if (end >= 0 && !header.hasUndefinedLength() && in.position() + header.length() > end) {
                throw new DicomFormatException(Tag.toString(header.tag()) + " runs past the end of its item"
                        + " at byte offset " + in.position());
            }
            copyElement(header, encoding, sequence, depth);
        }
        if (in.position() != end) {
            throw new DicomFormatException("Elements run past the end of their item at byte offset " + in.position());
        }
    }

    /** Encapsulated pixel data (PS3.5 A.4): the offset table and each fragment copied unchanged. */
    private void copyFragments(ElementHeader header, Encoding encoding, DeidentificationAction action, int depth)
            throws IOException {
        if (action != DeidentificationAction.K) {
            skipper.skipValue(header, encoding, depth);
            removed++;
            return;
        }
        out.header(encoding, header.tag(), header.vr(), ElementHeader.UNDEFINED_LENGTH);
        while (true) {
            ElementHeader fragment = skipper.readNestedHeader(encoding);
            if (fragment.tag() == Tag.SequenceDelimitationItem) {
                break;
            }
            if (fragment.tag() != Tag.Item || fragment.hasUndefinedLength()) {
                throw new DicomFormatException("Expected a fragment of defined length in " + Tag.toString(header.tag())
                        + " but found " + Tag.toString(fragment.tag()) + " before byte offset " + in.position());
            }
            out.header(encoding, Tag.Item, null, fragment.length());
            out.copy(in, fragment.length());
        }
        out.header(encoding, Tag.SequenceDelimitationItem, null, 0);
    }

    /** (0012,0062), (0012,0063) and (0012,0064), PS3.15 E.1.1 and PS3.16 CID 7050. */
    private void writeMarks(Encoding encoding) throws IOException {
        out.element(encoding, DeidentificationProfile.PATIENT_IDENTITY_REMOVED, VR.CS, ascii("YES", VR.CS));
        out.element(encoding, DeidentificationProfile.DEIDENTIFICATION_METHOD, VR.LO, ascii(METHOD, VR.LO));
        out.header(encoding, DeidentificationProfile.DEIDENTIFICATION_METHOD_CODE_SEQUENCE, VR.SQ,
                ElementHeader.UNDEFINED_LENGTH);
        out.header(encoding, Tag.Item, null, ElementHeader.UNDEFINED_LENGTH);
        out.element(encoding, 0x00080100, VR.SH, ascii("113100", VR.SH)); // Code Value
        out.element(encoding, 0x00080102, VR.SH, ascii("DCM", VR.SH)); // Coding Scheme Designator
        out.element(encoding, 0x00080104, VR.LO, ascii("Basic Application Confidentiality Profile", VR.LO));
        out.header(encoding, Tag.ItemDelimitationItem, null, 0);
        out.header(encoding, Tag.SequenceDelimitationItem, null, 0);
    }

    private static byte[] ascii(String value, VR vr) {
        return DummyValues.padded(value.getBytes(StandardCharsets.US_ASCII), vr);
    }
}
