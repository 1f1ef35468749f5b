package org.pacsbridge.dicom;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link DataSet} in explicit VR little endian (PS3.5 section 7.1.2): values padded to
 * even length with their VR's padding byte, sequences and items of undefined length closed by
 * delimitation items (section 7.5.2), so nesting needs no length computed in advance.
 */
public final class DataSetWriter {

    private static final Encoding EXPLICIT_LITTLE = new Encoding(true, false);

    private DataSetWriter() {
    }

    /**
     * Writes a whole Part 10 file: File Meta Information for {@code sopClassUid}/{@code sopInstanceUid}
     * in explicit VR little endian, then the data set. Does not close {@code out}.
     */
    public static void writeFile(OutputStream out, String sopClassUid, String sopInstanceUid, DataSet dataSet)
            throws IOException {
        Part10Writer.writeFileMeta(out, FileMeta.ofThisImplementation(sopClassUid, sopInstanceUid, UID.ExplicitVRLittleEndian));
        write(out, dataSet);
    }

    /** Writes the data set alone. Does not close {@code out}. */
    public static void write(OutputStream out, DataSet dataSet) throws IOException {
        write(new DicomOutput(out), dataSet);
    }

    @SuppressWarnings("unchecked")
    private static void write(DicomOutput out, DataSet dataSet) throws IOException {
        for (Map.Entry<Integer, Object> e : dataSet.elements().entrySet()) {
            int tag = e.getKey();
            if (e.getValue() instanceof DataSet.Value value) {
                out.element(EXPLICIT_LITTLE, tag, value.vr(), padded(value));
            } else {
                out.header(EXPLICIT_LITTLE, tag, VR.SQ, ElementHeader.UNDEFINED_LENGTH);
                for (DataSet item : (List<DataSet>) e.getValue()) {
                    out.header(EXPLICIT_LITTLE, Tag.Item, null, ElementHeader.UNDEFINED_LENGTH);
                    write(out, item);
                    out.header(EXPLICIT_LITTLE, Tag.ItemDelimitationItem, null, 0);
                }
                out.header(EXPLICIT_LITTLE, Tag.SequenceDelimitationItem, null, 0);
            }
        }
    }

    private static byte[] padded(DataSet.Value value) {
        byte[] bytes = value.bytes();
        if ((bytes.length & 1) == 0) {
            return bytes;
        }
        byte[] result = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        result[bytes.length] = value.vr().paddingByte();
        return result;
    }
}
