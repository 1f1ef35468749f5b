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
    private final ValueSkipper skipper;

    private DataSetReader(InputStream in) {
        this.in = new DicomInput(in);
        this.skipper = new ValueSkipper(this.in, MAX_NESTING_DEPTH);
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
        Encoding encoding = Encoding.of(ts);
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
        while ((header = ElementHeader.read(in, encoding.explicitVr(), encoding.bigEndian())) != null) {
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
                skipper.skipValue(header, encoding, 0);
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

}
