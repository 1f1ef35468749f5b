package org.pacsbridge.camel.dicom;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.dicom.UID;

/**
 * The transfer syntaxes the Storage SCP accepts, in the order it prefers them when a sender
 * proposes several: explicit VR little endian (self-describing, no conversion), implicit VR little
 * endian, then every other known syntax in the order of {@link TransferSyntax#known()}, compressed
 * ones included — objects are stored as received, never transcoded. The JPIP referenced syntaxes
 * come last, so that a sender offering them beside another gets the one that carries the pixels.
 */
final class StorageTransferSyntaxes {

    private StorageTransferSyntaxes() {
    }

    static String[] inPreferenceOrder() {
        List<String> order = new ArrayList<>(List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
        for (TransferSyntax ts : TransferSyntax.known()) {
            if (!order.contains(ts.uid())) {
                order.add(ts.uid());
            }
        }
        return order.toArray(String[]::new);
    }

    /**
     * The syntaxes of {@link #inPreferenceOrder()} an operator chose, in that order; none chosen = all of them.
     *
     * @throws IllegalArgumentException if a chosen UID is not one of them: the SCP could not read such a data set
     */
    static String[] inPreferenceOrder(Collection<String> chosen) {
        String[] all = inPreferenceOrder();
        if (chosen.isEmpty()) {
            return all;
        }
        Set<String> unknown = new TreeSet<>(chosen);
        unknown.removeAll(List.of(all));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("transferSyntaxes names transfer syntaxes the SCP cannot accept "
                    + "(not in PS3.6 Table A-1, or without a data set encoding): " + String.join(", ", unknown));
        }
        return List.of(all).stream().filter(chosen::contains).toArray(String[]::new);
    }
}
