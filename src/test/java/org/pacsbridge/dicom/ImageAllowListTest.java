package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The allow-list against PS3.15 Table E.1-1: no attribute the profile removes or replaces is kept
 * by the list, and none survives de-identification with its original value — at the top level,
 * inside the sequences the list allows, or inside sequences it does not.
 */
class ImageAllowListTest {

    private static final byte[] SALT = "allow-list-test".getBytes(StandardCharsets.US_ASCII);
    private static final String SOP_INSTANCE = "1.2.826.0.1.3680043.2.1125.77.1";
    private static final String PSEUDONYM = "ANON-ALLOWLIST";

    /** Allowed sequences, whose items get every row of the table too. */
    private static final List<Integer> ALLOWED_SEQUENCES = List.of(0x00082218, 0x00283000, 0x00283010);

    @TempDir
    Path dir;

    @Test
    void everyEntryTheProfileListsIsReplacedAsTheProfileAllows() {
        ImageAllowList.checkAgainstProfile();
        int checked = 0;
        for (ImageAllowList.Entry entry : ImageAllowList.entries()) {
            ConfidentialityProfileTable.Row row = ConfidentialityProfileTable.find(entry.tag());
            if (row == null) {
                continue;
            }
            checked++;
            assertNotEquals(DeidentificationAction.K, entry.action(), entry.keyword() + " is kept as it is");
            assertTrue(ImageAllowList.permitted(row).contains(entry.action()),
                    entry.keyword() + " takes " + entry.action() + ", the profile says " + row.code());
        }
        // name, ID, birth date, sex, study/series/SOP UIDs, dates, times, accession, referrer, study ID, content date/time
        assertTrue(checked >= 15, "only " + checked + " allow-listed attributes are in the profile table");
        for (int sequence : ALLOWED_SEQUENCES) {
            assertEquals(VR.SQ, ImageAllowList.find(ImageAllowList.TOP_LEVEL, sequence).vr());
        }
    }

    @Test
    void theProfilesCodesPermitNoKeeping() {
        assertEquals(java.util.EnumSet.of(DeidentificationAction.X), ImageAllowList.permitted("X"));
        assertEquals(java.util.EnumSet.of(DeidentificationAction.X), ImageAllowList.permitted(
                ConfidentialityProfileTable.find(0x00401002)));
        // an empty sequence holds no value
        assertEquals(java.util.EnumSet.of(DeidentificationAction.X, DeidentificationAction.Z), ImageAllowList.permitted(
                ConfidentialityProfileTable.find(0x00400555)));
        assertEquals(java.util.EnumSet.of(DeidentificationAction.Z, DeidentificationAction.D, DeidentificationAction.X),
                ImageAllowList.permitted("X/Z"));
        assertEquals(java.util.EnumSet.of(DeidentificationAction.U, DeidentificationAction.Z, DeidentificationAction.D,
                DeidentificationAction.X), ImageAllowList.permitted("X/Z/U*"));
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of(UID.ExplicitVRLittleEndian, (Supplier<DataSetBuilder>) DataSetBuilder::explicitLittle),
                Arguments.of(UID.ImplicitVRLittleEndian, (Supplier<DataSetBuilder>) DataSetBuilder::implicitLittle),
                Arguments.of(UID.ExplicitVRBigEndian, (Supplier<DataSetBuilder>) DataSetBuilder::explicitBig));
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void noAttributeTheProfileRemovesOrReplacesSurvivesWithItsValue(String syntax, Supplier<DataSetBuilder> builder)
            throws IOException {
        List<ConfidentialityProfileTable.Row> rows = new ArrayList<>();
        ConfidentialityProfileTable.rows().forEach(rows::add);
        rows.sort(Comparator.comparing(row -> Integer.toUnsignedLong(row.tag())));

        DataSetBuilder b = builder.get();
        boolean sopClassWritten = false;
        boolean pixelsWritten = false;
        for (ConfidentialityProfileTable.Row row : rows) {
            if (!sopClassWritten && Integer.compareUnsigned(row.tag(), Tag.SOPClassUID) > 0) {
                b.text(Tag.SOPClassUID, VR.UI, IdentifiedDataSet.SOP_CLASS);
                sopClassWritten = true;
            }
            if (ALLOWED_SEQUENCES.contains(row.tag())) {
                continue;
            }
            if (!pixelsWritten && Integer.compareUnsigned(row.tag(), Tag.PixelData) > 0) {
                // each allowed sequence, its item holding every row of the table, in tag order
                writeAllowedSequences(b, rows);
                b.bytes(Tag.PixelData, VR.OW, IdentifiedDataSet.smallPixels());
                pixelsWritten = true;
            }
            write(b, row);
        }
        Path source = IdentifiedDataSet.write(dir.resolve("in.dcm"), syntax, SOP_INSTANCE, b.toByteArray());
        Path target = dir.resolve("out.dcm");

        Deidentifier.deidentify(source, target, new DeidentificationOptions(SALT, PSEUDONYM));

        String raw = new String(Files.readAllBytes(target), StandardCharsets.ISO_8859_1);
        TopLevelAttributes copy = TopLevelAttributes.read(target);
        for (ConfidentialityProfileTable.Row row : rows) {
            assertFalse(raw.contains(value(row)), row.keyword() + " " + Tag.toString(row.tag()) + " survived: " + value(row));
            assertFalse(raw.contains(nestedValue(row)), row.keyword() + " survived inside its sequence");
            TopLevelAttributes.Attribute attribute = copy.get(row.tag());
            if (attribute != null && attribute.value() != null) {
                assertFalse(Arrays.equals(encoded(row), attribute.value()), row.keyword() + " kept its value");
            }
        }
        assertEquals(PSEUDONYM, copy.text(Tag.PatientName));
        assertTrue(copy.text(Tag.StudyInstanceUID).startsWith("2.25."));
        assertTrue(copy.tags().contains(0x00283010), "the VOI LUT Sequence is allowed and kept");
        assertTrue(copy.tags().contains(0x00080020), "Study Date is kept, empty");
        assertEquals(0, copy.get(0x00080020).length());
    }

    private static void writeAllowedSequences(DataSetBuilder b, List<ConfidentialityProfileTable.Row> rows) {
        for (int sequence : ALLOWED_SEQUENCES) {
            DataSetBuilder item = b.item();
            for (ConfidentialityProfileTable.Row row : rows) {
                write(item, row);
            }
            b.sequence(sequence, true, item);
        }
    }

    private static void write(DataSetBuilder b, ConfidentialityProfileTable.Row row) {
        if (row.vr() == VR.SQ) {
            b.sequence(row.tag(), false, b.item().text(Tag.PatientID, VR.LO, nestedValue(row)));
        } else {
            b.bytes(row.tag(), row.vr(), encoded(row));
        }
    }

    /** A value no other attribute has, the same for every VR: the tag in hex after a marker. */
    private static String value(ConfidentialityProfileTable.Row row) {
        if (row.vr() == VR.UI) {
            return "1.2.826.0.1.3680043.2.1125.77." + Integer.toUnsignedLong(row.tag());
        }
        return "ORIG" + String.format("%08X", row.tag());
    }

    private static String nestedValue(ConfidentialityProfileTable.Row row) {
        return "NEST" + String.format("%08X", row.tag());
    }

    private static byte[] encoded(ConfidentialityProfileTable.Row row) {
        byte[] value = value(row).getBytes(StandardCharsets.US_ASCII);
        return value.length % 2 == 0 ? value : Arrays.copyOf(value, value.length + 1);
    }
}
