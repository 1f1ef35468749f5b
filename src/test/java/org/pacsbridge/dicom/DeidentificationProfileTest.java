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
            row.action();
            assertEquals(row.vr(), DeidentificationProfile.knownVr(row.tag()));
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
    void rangesAndUnlistedAttributes() {
        assertEquals(DeidentificationAction.X, profile.actionFor(0x00291001, VR.LO)); // private
        assertEquals(DeidentificationAction.X, profile.actionFor(0x00290010, VR.LO)); // private creator
        assertEquals(DeidentificationAction.X, profile.actionFor(0x60023000, VR.OW)); // overlay
        assertEquals(DeidentificationAction.X, profile.actionFor(0x50000005, VR.US)); // curve
        assertEquals(DeidentificationAction.X, profile.actionFor(0x00080000, VR.UL)); // group length
        assertEquals(DeidentificationAction.U, profile.actionFor(0x00080017, VR.UI)); // unlisted UID
        assertEquals(DeidentificationAction.K, profile.actionFor(Tag.SOPClassUID, VR.UI));
        assertEquals(DeidentificationAction.K, profile.actionFor(0x00081150, VR.UI));
        assertEquals(DeidentificationAction.K, profile.actionFor(Tag.Modality, VR.CS));
        assertEquals(DeidentificationAction.Z, profile.actionFor(Tag.PatientName, VR.PN));
        assertEquals(DeidentificationAction.X, profile.actionFor(Tag.StudyDescription, VR.LO));
        DeidentificationProfile keeping = new DeidentificationProfile(new DeidentificationOptions(SALT, "P", true));
        assertEquals(DeidentificationAction.C, keeping.actionFor(Tag.StudyDescription, VR.LO));
        assertEquals(DeidentificationAction.D, keeping.actionFor(Tag.PatientID, VR.LO));
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
