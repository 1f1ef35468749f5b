package org.pacsbridge.dicom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Extracts {@link RoutingAttributes} from a data set stream in one pass, keeping only the values it
 * needs (each capped at {@link #MAX_KEPT_VALUE_LENGTH} bytes) and skipping everything else through a
 * small buffer. Reading stops at the top-level pixel data element, whose value is never read.
 *
 * <p>Nothing read from the stream is trusted: a length that runs past the end of the data, a
 * header cut short, nesting deeper than {@link #MAX_NESTING_DEPTH} or a corrupt deflate stream all
 * end in {@link DicomFormatException}.
 */
public final class DataSetReader {

    /** The most bytes kept of any one value; the rest of a longer value is skipped. */
    public static final int MAX_KEPT_VALUE_LENGTH = 64 * 1024;

    /** The most sequences nested inside one another that are followed. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final int BUFFER_SIZE = 8192;

    private final DicomInput in;

    private DataSetReader(InputStream in) {
        this.in = new DicomInput(in);
    }

    /**
     * Reads the data set from its first byte up to its pixel data or its end. The stream is left
     * open, at an unspecified position.
     *
     * @param dataSet the data set, without File Meta Information
     * @param ts      its transfer syntax; deflated data sets are inflated on the fly
     * @return the routing attributes found at the top level of the data set
     * @throws DicomFormatException if the data set is malformed
     * @throws IOException          if reading the stream fails
     */
    public static RoutingAttributes read(InputStream dataSet, TransferSyntax ts) throws IOException {
        Objects.requireNonNull(dataSet, "dataSet");
        Objects.requireNonNull(ts, "ts");
        Encoding encoding = new Encoding(ts.explicitVr(), ts.bigEndian());
        if (!ts.deflated()) {
            return new DataSetReader(new BufferedInputStream(dataSet, BUFFER_SIZE)).readTopLevel(encoding);
        }
        Inflater inflater = new Inflater(true); // PS3.5 A.5: raw deflate, no zlib header
        try {
            return new DataSetReader(new InflaterInputStream(dataSet, inflater, BUFFER_SIZE)).readTopLevel(encoding);
        } finally {
            inflater.end();
        }
    }

    private RoutingAttributes readTopLevel(Encoding encoding) throws IOException {
        RoutingAttributeValues values = new RoutingAttributeValues();
        ElementHeader header;
        while ((header = ElementHeader.read(in, encoding.explicitVr, encoding.bigEndian)) != null) {
            int tag = header.tag();
            if (isPixelData(tag)) {
                break;
            }
            if (tag == Tag.Item) {
                throw new DicomFormatException("Item " + Tag.toString(tag) + " outside a sequence at byte offset "
                        + (in.position() - 8));
            }
            if (tag == Tag.ItemDelimitationItem || tag == Tag.SequenceDelimitationItem) {
                // A stray delimiter carries no data; some writers leave one behind, so step over it.
                continue;
            }
            if (RoutingAttributeValues.wants(tag) && !header.hasUndefinedLength()) {
                values.put(tag, readCapped(header.length()));
            } else {
                skipValue(header, encoding, 0);
            }
        }
        return values.toRoutingAttributes();
    }

    private static boolean isPixelData(int tag) {
        return tag == Tag.PixelData || tag == Tag.FloatPixelData || tag == Tag.DoubleFloatPixelData;
    }

    private byte[] readCapped(long length) throws IOException {
        int kept = (int) Math.min(length, MAX_KEPT_VALUE_LENGTH);
        byte[] value = new byte[kept];
        in.readFully(value, 0, kept);
        in.skip(length - kept);
        return value;
    }

    private void skipValue(ElementHeader header, Encoding encoding, int depth) throws IOException {
        if (!header.hasUndefinedLength()) {
            in.skip(header.length());
            return;
        }
        Encoding itemEncoding = encoding;
        if (header.vr() == VR.UN) {
            // PS3.5 6.2.2: a UN value of undefined length is a sequence encoded in implicit VR little endian
            itemEncoding = Encoding.IMPLICIT_LITTLE_ENDIAN;
        } else if (header.vr() != null && header.vr() != VR.SQ && header.vr() != VR.OB && header.vr() != VR.OW) {
            throw new DicomFormatException("Undefined length with VR " + header.vr() + " in "
                    + Tag.toString(header.tag()) + " before byte offset " + in.position());
        }
        // Sequence items and encapsulated pixel data fragments share the same item structure.
        skipDelimitedSequence(itemEncoding, depth + 1);
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

    private ElementHeader readNestedHeader(Encoding encoding) throws IOException {
        ElementHeader header = ElementHeader.read(in, encoding.explicitVr, encoding.bigEndian);
        if (header == null) {
            throw new DicomFormatException("Data ends inside a sequence of undefined length at byte offset "
                    + in.position());
        }
        return header;
    }

    private void checkDepth(int depth) throws DicomFormatException {
        if (depth > MAX_NESTING_DEPTH) {
            throw new DicomFormatException("Sequences nested deeper than " + MAX_NESTING_DEPTH
                    + " levels at byte offset " + in.position());
        }
    }

    private record Encoding(boolean explicitVr, boolean bigEndian) {
        static final Encoding IMPLICIT_LITTLE_ENDIAN = new Encoding(false, false);
    }
}
