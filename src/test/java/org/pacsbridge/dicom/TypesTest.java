package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tag, VR, UID, TransferSyntax and RoutingAttributes. */
class TypesTest {

    @Test
    void tagHelpers() {
        assertEquals(0x0010, Tag.group(Tag.PatientID));
        assertEquals(0x0020, Tag.element(Tag.PatientID));
        assertEquals("(0010,0020)", Tag.toString(Tag.PatientID));
        assertEquals("(FFFE,E0DD)", Tag.toString(Tag.SequenceDelimitationItem));
        assertEquals(0xFFFE, Tag.group(Tag.Item));
        assertEquals(Tag.PixelData, Tag.of(0x7FE0, 0x0010));
    }

    @Test
    void vrHeaderForms() {
        Set<VR> longForm = EnumSet.of(VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.SQ, VR.SV, VR.UC, VR.UN,
                VR.UR, VR.UT, VR.UV);
        for (VR vr : VR.values()) {
            assertEquals(longForm.contains(vr), vr.usesLongLength(), vr.name());
            assertEquals(vr, VR.of(vr.name().charAt(0), vr.name().charAt(1)));
        }
        assertEquals(34, VR.values().length);
        assertNull(VR.of('Z', 'Z'));
        assertNull(VR.of(0, 0));
        assertNull(VR.of('a', 'e'));
        assertEquals(0, VR.UI.paddingByte());
        assertEquals(' ', VR.LO.paddingByte());
    }

    @Test
    void uidSyntax() {
        assertTrue(UID.isValid(UID.IMPLEMENTATION_CLASS));
        assertTrue(UID.IMPLEMENTATION_CLASS.startsWith("2.25."));
        assertTrue(UID.IMPLEMENTATION_VERSION_NAME.length() <= 16);
        assertTrue(UID.isValid("1.2.0.3"));
        assertFalse(UID.isValid("1.02"));
        assertFalse(UID.isValid("1..2"));
        assertFalse(UID.isValid("1.2."));
        assertFalse(UID.isValid("1.2a"));
        assertFalse(UID.isValid(""));
        assertFalse(UID.isValid(null));
        assertFalse(UID.isValid("1." + "2".repeat(63)));
        for (String sopClass : UID.STORAGE_SOP_CLASSES) {
            assertTrue(UID.isValid(sopClass), sopClass);
        }
        assertEquals(UID.STORAGE_SOP_CLASSES.size(), new HashSet<>(UID.STORAGE_SOP_CLASSES).size());
    }

    @Test
    void transferSyntaxLookup() {
        TransferSyntax implicit = TransferSyntax.of("1.2.840.10008.1.2");
        assertFalse(implicit.explicitVr());
        assertFalse(implicit.bigEndian());
        assertTrue(TransferSyntax.of(UID.ExplicitVRBigEndian).bigEndian());
        assertTrue(TransferSyntax.of(UID.DeflatedExplicitVRLittleEndian).deflated());
        for (String uid : List.of(UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit, UID.JPEGLossless, UID.JPEGLosslessSV1,
                UID.JPEGLSLossless, UID.JPEGLSNearLossless, UID.JPEG2000Lossless, UID.JPEG2000, UID.RLELossless)) {
            TransferSyntax ts = TransferSyntax.of(uid);
            assertTrue(ts.encapsulated() && ts.explicitVr() && !ts.bigEndian() && !ts.deflated(), uid);
        }
        assertThrows(IllegalArgumentException.class, () -> TransferSyntax.of("1.2.3.4"));
        assertThrows(IllegalArgumentException.class, () -> TransferSyntax.of(null));
        assertFalse(TransferSyntax.isKnown("1.2.3.4"));
        TransferSyntax assumed = TransferSyntax.ofAssumingEncapsulated("1.2.3.4");
        assertEquals(new TransferSyntax("1.2.3.4", true, false, false, true), assumed);
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.ofAssumingEncapsulated(UID.ImplicitVRLittleEndian));
        assertEquals(TransferSyntax.known().size(), new HashSet<>(TransferSyntax.known()).size());
    }

    @Test
    void routingAttributesToStringHidesPatientData() {
        RoutingAttributes a = new RoutingAttributes("PID-SECRET-42", "HOSP", "ACC-SECRET", "1.2.3", "1.2.4", "1.2.5",
                UID.CTImageStorage, "CT", "CHEST", "PA", List.of("ORIGINAL"), "Study of Mr Secretname",
                "Series of Secretname", "FOR PRESENTATION", "19990101");
        String text = a.toString();
        assertFalse(text.contains("SECRET"), text);
        assertFalse(text.contains("Secretname"), text);
        assertFalse(text.contains("19990101"), text);
        assertTrue(text.contains("1.2.5") && text.contains("CT") && text.contains("patientId=<present>"), text);
        assertEquals(List.of(), new RoutingAttributes(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null).imageType());
    }

    @Test
    void fileMetaConvenience() {
        FileMeta meta = FileMeta.ofThisImplementation(UID.CTImageStorage, "1.2.3", UID.ExplicitVRLittleEndian)
                .withSourceAeTitle("SRC");
        assertEquals(UID.IMPLEMENTATION_CLASS, meta.implementationClassUid());
        assertEquals(UID.IMPLEMENTATION_VERSION_NAME, meta.implementationVersionName());
        assertEquals("SRC", meta.sourceAeTitle());
    }
}
