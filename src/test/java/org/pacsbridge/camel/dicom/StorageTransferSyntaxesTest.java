package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.dicom.UID;

/** The Storage SCP's transfer syntaxes: all known ones, in its order of preference, narrowed by the operator's list. */
class StorageTransferSyntaxesTest {

    /** A row of Table 4.2-2: "| 1 | Explicit VR Little Endian | 1.2.840.10008.1.2.1 | ...". */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (\\d+) \\| [^|]+ \\| ([0-9.]+) \\|");

    @Test
    void everyKnownSyntaxLittleEndianFirst() {
        List<String> order = List.of(StorageTransferSyntaxes.inPreferenceOrder());
        assertEquals(List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian), order.subList(0, 2));
        assertEquals(Set.copyOf(TransferSyntax.known().stream().map(TransferSyntax::uid).toList()), Set.copyOf(order));
        assertEquals(TransferSyntax.known().size(), order.size());
        assertTrue(order.indexOf(UID.JPIPReferenced) > order.indexOf(UID.JPEGXL), "JPIP after the syntaxes with pixels");
    }

    @Test
    void anEmptyChoiceIsEverySyntaxAndAChoiceKeepsTheScpsOrder() {
        assertArrayEquals(StorageTransferSyntaxes.inPreferenceOrder(), StorageTransferSyntaxes.inPreferenceOrder(List.of()));
        assertArrayEquals(new String[] {UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.JPEGLosslessSV1},
                StorageTransferSyntaxes.inPreferenceOrder(
                        List.of(UID.JPEGLosslessSV1, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian)));
    }

    @Test
    void aChoiceOutsideTheKnownSyntaxesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorageTransferSyntaxes.inPreferenceOrder(List.of(UID.ExplicitVRLittleEndian, "1.2.3.4.5.6",
                        "1.2.840.10008.1.2.7.1")));
        assertTrue(e.getMessage().contains("1.2.3.4.5.6, 1.2.840.10008.1.2.7.1"), e.getMessage());
    }

    @Test
    void theConformanceStatementListsExactlyTheseInThisOrder() throws IOException {
        List<String> documented = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("docs", "dicom-conformance.md"))) {
            if (line.startsWith("Table 4.2-2")) {
                inTable = true;
            } else if (inTable && line.startsWith("|")) {
                Matcher row = TABLE_ROW.matcher(line);
                if (row.find()) {
                    assertEquals(documented.size() + 1, Integer.parseInt(row.group(1)), line);
                    documented.add(row.group(2));
                }
            } else if (inTable && !documented.isEmpty()) {
                break;
            }
        }
        assertEquals(List.of(StorageTransferSyntaxes.inPreferenceOrder()), documented);
    }
}
