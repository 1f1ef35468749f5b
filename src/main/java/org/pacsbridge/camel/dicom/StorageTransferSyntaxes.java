package org.pacsbridge.camel.dicom;

import java.util.ArrayList;
import java.util.List;

import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.dicom.UID;

/**
 * The transfer syntaxes the Storage SCP accepts, in the order it prefers them when a sender
 * proposes several: explicit VR little endian (self-describing, no conversion), implicit VR little
 * endian, then every other known syntax, compressed ones included — objects are stored as
 * received, never transcoded.
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
}
