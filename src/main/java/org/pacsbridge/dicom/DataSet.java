package org.pacsbridge.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data set built in memory to be written by {@link DataSetWriter}: text values and sequences of
 * nested data sets, kept in ascending tag order whatever the order they were set in. Text is
 * encoded in UTF-8, so a data set holding non-ASCII text must set Specific Character Set
 * {@code ISO_IR 192}. Meant for the small objects the node creates itself, not for images.
 */
public final class DataSet {

    /** A value: its VR and bytes, not yet padded. */
    record Value(VR vr, byte[] bytes) {
    }

    private final TreeMap<Integer, Object> elements = new TreeMap<>(Integer::compareUnsigned);

    /**
     * Sets a text value (any VR written as characters: CS, DA, DS, LO, PN, SH, TM, UI, UT, ...);
     * {@code null} writes an empty value, as a type 2 attribute without a known value needs.
     * Several values of a multi-valued attribute are joined with a backslash.
     */
    public DataSet text(int tag, VR vr, String... values) {
        if (vr == VR.SQ || Tag.group(tag) == 0xFFFE || Tag.group(tag) == 0x0002) {
            throw new IllegalArgumentException("not a data set text element: " + Tag.toString(tag) + " " + vr);
        }
        String joined = values == null || values.length == 0 || values.length == 1 && values[0] == null
                ? "" : String.join("\\", values);
        elements.put(tag, new Value(vr, joined.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Sets an unsigned short (US) value. */
    public DataSet unsignedShort(int tag, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("not an unsigned short: " + value);
        }
        elements.put(tag, new Value(VR.US, new byte[] {(byte) value, (byte) (value >>> 8)}));
        return this;
    }

    /** Sets an empty sequence (a type 2 sequence without items), or empties an existing one. */
    public DataSet emptySequence(int tag) {
        elements.put(tag, new ArrayList<DataSet>());
        return this;
    }

    /** Appends a new item to the sequence {@code tag} (created when absent) and returns the item. */
    @SuppressWarnings("unchecked")
    public DataSet addItem(int tag) {
        Object existing = elements.get(tag);
        List<DataSet> items;
        if (existing instanceof List<?>) {
            items = (List<DataSet>) existing;
        } else {
            items = new ArrayList<>();
            elements.put(tag, items);
        }
        DataSet item = new DataSet();
        items.add(item);
        return item;
    }

    /** @return whether {@code tag} is set */
    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** The elements in ascending tag order: {@link Value}s and {@code List<DataSet>} sequences. */
    Map<Integer, Object> elements() {
        return Collections.unmodifiableMap(elements);
    }
}
