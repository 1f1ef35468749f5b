package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeidentificationProfileTest {

    private static final byte[] SALT = {1, 2, 3};
    private final DeidentificationProfile profile = new DeidentificationProfile(new DeidentificationOptions(SALT, null));

    @Test
    void everyTableRowResolvesToOneAction() {
        int rows = 0;
        for (ConfidentialityProfileTable.Row row : ConfidentialityProfileTable.rows()) {
            assertNotEquals(DeidentificationAction.K, row.action());
            assertFalse(ImageAllowList.permitted(row.code()).isEmpty(), row.keyword());
            rows++;
        }
        assertEquals(ConfidentialityProfileTable.size(), rows);
    }

    @Test
    void choicesResolveToUidThenEmptyThenRemove() {
        assertEquals(DeidentificationAction.U, DeidentificationAction.resolve("X/Z/U*"));
        assertEquals(DeidentificationAction.Z, DeidentificationAction.resolve("X/Z/D"));
        assertEquals(DeidentificationAction.Z, DeidentificationAction.resolve("Z/D"));
        assertEquals(DeidentificationAction.X, DeidentificationAction.resolve("X/D"));
        assertEquals(DeidentificationAction.D, DeidentificationAction.resolve("D"));
    }

    @Test
    void onlyAllowListedAttributesAreCopied() {
        int top = ImageAllowList.TOP_LEVEL;
        assertEquals(DeidentificationAction.X, profile.actionFor(top, 0x00291001)); // private
        assertEquals(DeidentificationAction.X, profile.actionFor(top, 0x00290010)); // private creator
        assertEquals(DeidentificationAction.X, profile.actionFor(top, 0x60023000)); // overlay
        assertEquals(DeidentificationAction.X, profile.actionFor(top, 0x50000005)); // curve
        assertEquals(DeidentificationAction.X, profile.actionFor(top, 0x00080000)); // group length
        assertEquals(DeidentificationAction.X, profile.actionFor(top, 0x00080017)); // a UID not on the list
        assertEquals(DeidentificationAction.X, profile.actionFor(top, 0x00401002)); // free text the old table lacked
        assertEquals(DeidentificationAction.X, profile.actionFor(top, 0x00081110)); // Referenced Study Sequence
        assertEquals(DeidentificationAction.X, profile.actionFor(top, 0x00120062)); // old marks: written afresh
        assertEquals(DeidentificationAction.K, profile.actionFor(top, Tag.SOPClassUID));
        assertEquals(DeidentificationAction.K, profile.actionFor(top, Tag.Modality));
        assertEquals(DeidentificationAction.K, profile.actionFor(top, Tag.PixelData));
        assertEquals(DeidentificationAction.U, profile.actionFor(top, Tag.StudyInstanceUID));
        assertEquals(DeidentificationAction.Z, profile.actionFor(top, Tag.PatientName));
        assertEquals(DeidentificationAction.X, profile.actionFor(top, Tag.StudyDescription));
        // inside an allowed sequence only its own list counts; elsewhere nothing is allowed
        assertEquals(DeidentificationAction.K, profile.actionFor(0x00283010, 0x00283006)); // VOI LUT Data
        assertEquals(DeidentificationAction.X, profile.actionFor(0x00283010, 0x00283003)); // LUT Explanation
        assertEquals(DeidentificationAction.X, profile.actionFor(0x00283010, Tag.PatientName));
        assertEquals(DeidentificationAction.X, profile.actionFor(0x00081115, Tag.SeriesInstanceUID));
        DeidentificationProfile keeping = new DeidentificationProfile(new DeidentificationOptions(SALT, "P", true));
        assertEquals(DeidentificationAction.C, keeping.actionFor(top, Tag.StudyDescription));
        assertEquals(DeidentificationAction.D, keeping.actionFor(top, Tag.PatientID));
        assertEquals(DeidentificationAction.X, keeping.actionFor(0x00283010, Tag.PatientID));
    }

    @Test
    void derivedUidsAreValidStableAndKeepStandardUids() {
        DerivedUids uids = new DerivedUids(SALT);
        String replaced = uids.replace("1.2.3.4.5\0");
        assertTrue(UID.isValid(replaced) && replaced.startsWith("2.25."), replaced);
        assertEquals(replaced, uids.replace("1.2.3.4.5"));
        assertNotEquals(replaced, new DerivedUids(new byte[] {9}).replace("1.2.3.4.5"));
        assertEquals(UID.CTImageStorage, uids.replace(UID.CTImageStorage));
        assertEquals(replaced + "\\" + uids.replace("1.2.3.4.6"), uids.replaceAll("1.2.3.4.5\\1.2.3.4.6"));
    }

    @Test
    void uidShapeTellsUidsFromNumbersAndDates() {
        assertTrue(UidShape.looksLikeUids(ascii("1.2.840.113619.2.1\0")));
        assertTrue(UidShape.looksLikeUids(ascii("1.2.3\\4.5.6")));
        assertFalse(UidShape.looksLikeUids(ascii("1.25")));
        assertFalse(UidShape.looksLikeUids(ascii("0.5\\0.5 ")));
        assertFalse(UidShape.looksLikeUids(ascii("2024.01.31")));
        assertFalse(UidShape.looksLikeUids(ascii("PA")));
        assertFalse(UidShape.looksLikeUids(new byte[] {1, 0}));
    }

    @Test
    void cleanerReplacesDatesAndLongNumbersOnly() {
        assertEquals("CT * *", DescriptionCleaner.clean("CT 2024-01-31 4711"));
        assertEquals("T1 3D 5mm", DescriptionCleaner.clean("T1 3D 5mm"));
    }

    @Test
    void optionsCheckThePseudonymAndHideTheSalt() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DeidentificationOptions(SALT, "bad\\name"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DeidentificationOptions(new byte[0], null));
        assertFalse(new DeidentificationOptions("secret".getBytes(StandardCharsets.US_ASCII), null).toString()
                .contains("secret"));
        String pseudonym = DeidentificationOptions.derivePseudonym(SALT, "PID-1");
        assertTrue(pseudonym.matches("ANON-[0-9A-F]{16}"), pseudonym);
        assertEquals(pseudonym, DeidentificationOptions.derivePseudonym(SALT, "PID-1"));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
