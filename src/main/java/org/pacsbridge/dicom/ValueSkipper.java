package org.pacsbridge.dicom;

import java.io.IOException;

/**
 * Steps over the value of one element, following delimited sequences and encapsulated pixel data
 * item by item so that their end is found, and reading nothing into memory beyond a small buffer.
 */
final class ValueSkipper {

    private final DicomInput in;
    private final int maxDepth;

    /**
     * @param maxDepth the most sequences nested inside one another that are followed; deeper
     *                 nesting is reported as malformed
     */
    ValueSkipper(DicomInput in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    /**
     * Skips the value that follows {@code header}.
     *
     * @param depth how many sequences enclose the element
     */
    void skipValue(ElementHeader header, Encoding encoding, int depth) throws IOException {
        if (!header.hasUndefinedLength()) {
            in.skip(header.length());
            return;
        }
        Encoding itemEncoding = encoding;
        if (header.vr() == VR.UN) {
            itemEncoding = Encoding.IMPLICIT_LITTLE_ENDIAN;
        } else if (header.vr() != null && header.vr() != VR.SQ && header.vr() != VR.OB && header.vr() != VR.OW) {
            throw new DicomFormatException("Undefined length with VR " + header.vr() + " in "
                    + Tag.toString(header.tag()) + " before byte offset " + in.position());
        }
        // Sequence items and encapsulated pixel data fragments share the same item structure.
        skipDelimitedSequence(itemEncoding, depth + 1);
    }

    /** Reads the header of an element that must be there: inside an item or a delimited sequence. */
    ElementHeader readNestedHeader(Encoding encoding) throws IOException {
        ElementHeader header = ElementHeader.read(in, encoding.explicitVr(), encoding.bigEndian());
        if (header == null) {
            throw new DicomFormatException("Data ends inside a sequence or item at byte offset " + in.position());
        }
        return header;
    }

    void checkDepth(int depth) throws DicomFormatException {
        if (depth > maxDepth) {
            throw new DicomFormatException("Sequences nested deeper than " + maxDepth
                    + " levels at byte offset " + in.position());
        }
    }

    private void skipDelimitedSequence(Encoding encoding, int depth) throws IOException {
        checkDepth(depth);
        while (true) {
            ElementHeader header = readNestedHeader(encoding);
            if (header.tag() == Tag.SequenceDelimitationItem) {
                return;
            }
            if (header.tag() != Tag.Item) {
                throw new DicomFormatException("Expected an item or sequence delimiter but found "
                        + Tag.toString(header.tag()) + " before byte offset " + in.position());
            }
            if (header.hasUndefinedLength()) {
                skipDelimitedItem(encoding, depth);
            } else {
                in.skip(header.length());
            }
        }
    }

    private void skipDelimitedItem(Encoding encoding, int depth) throws IOException {
        while (true) {
            ElementHeader header = readNestedHeader(encoding);
            if (header.tag() == Tag.ItemDelimitationItem) {
                return;
            }
            if (Tag.group(header.tag()) == 0xFFFE) {
                throw new DicomFormatException("Unexpected " + Tag.toString(header.tag())
                        + " inside an item before byte offset " + in.position());
            }
            skipValue(header, encoding, depth);
        }
    }
}
