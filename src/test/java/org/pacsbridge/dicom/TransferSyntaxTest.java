package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.EncapsulatedTransferSyntaxes;

/** The transfer syntaxes of PS3.6 Table A-1 and how PS3.5 Annex A encodes each one's data set. */
class TransferSyntaxTest {

    /** The syntaxes of PS3.6 Table A-1 that define no data set sent with C-STORE. */
    private static final List<String> WITHOUT_DATA_SET_ENCODING = List.of(
            "1.2.840.10008.1.2.6.1", // RFC 2557 MIME Encapsulation (retired)
            "1.2.840.10008.1.2.6.2", // XML Encoding (retired)
            "1.2.840.10008.1.2.7.1", "1.2.840.10008.1.2.7.2", "1.2.840.10008.1.2.7.3"); // SMPTE ST 2110, DICOM-RTV

    /** PS3.5 A.5, A.7 and the HTJ2K counterpart of A.7: the whole data set is one deflate stream. */
    private static final Set<String> DEFLATED = Set.of(UID.DeflatedExplicitVRLittleEndian, UID.JPIPReferencedDeflate,
            UID.JPIPHTJ2KReferencedDeflate);

    /** Pixel data, if any, not in fragments: the native syntaxes and those referencing pixels by URL. */
    private static final Set<String> NOT_ENCAPSULATED = Set.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
            UID.ExplicitVRBigEndian, UID.DeflatedExplicitVRLittleEndian, UID.JPIPReferenced, UID.JPIPReferencedDeflate,
            UID.JPIPHTJ2KReferenced, UID.JPIPHTJ2KReferencedDeflate, UID.Papyrus3ImplicitVRLittleEndian);

    @Test
    void everySyntaxOfTheTableWithADataSetEncodingIsKnownOnce() {
        List<String> uids = TransferSyntax.known().stream().map(TransferSyntax::uid).toList();
        assertEquals(uids.size(), new HashSet<>(uids).size(), "duplicates in " + uids);
        for (String uid : uids) {
            assertTrue(UID.isValid(uid), uid);
            assertTrue(uid.startsWith("1.2.840.10008.1.2") || uid.equals(UID.Papyrus3ImplicitVRLittleEndian), uid);
        }
        // the retired JPEG processes 3 to 13 and 15 to 29, the JPEG XL ones, the fragmentable MPEG ones
        for (int process = 52; process <= 66; process++) {
            assertTrue(TransferSyntax.isKnown("1.2.840.10008.1.2.4." + process), "JPEG .4." + process);
        }
        for (String uid : List.of("1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.4.111", "1.2.840.10008.1.2.4.112",
                "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93", "1.2.840.10008.1.2.4.108", "1.2.840.10008.1.2.8.1",
                "1.2.840.10008.1.2.1.98")) {
            assertTrue(TransferSyntax.isKnown(uid), uid);
        }
        for (int mpeg = 100; mpeg <= 106; mpeg++) {
            assertTrue(TransferSyntax.isKnown("1.2.840.10008.1.2.4." + mpeg), "MPEG .4." + mpeg);
            assertTrue(TransferSyntax.isKnown("1.2.840.10008.1.2.4." + mpeg + ".1"), "fragmentable MPEG .4." + mpeg + ".1");
        }
        for (String uid : WITHOUT_DATA_SET_ENCODING) {
            assertFalse(TransferSyntax.isKnown(uid), uid);
        }
        assertEquals(58, uids.size(), "PS3.6 Table A-1 has 63 transfer syntaxes, 5 of them without a data set encoding");
    }

    @Test
    void theEncapsulatedOnesAreThoseOfTheTable() {
        assertEquals(Set.copyOf(EncapsulatedTransferSyntaxes.all()), TransferSyntax.known().stream()
                .filter(TransferSyntax::encapsulated).map(TransferSyntax::uid).collect(Collectors.toSet()));
    }

    @Test
    void eachIsClassifiedAsPs35Encodes() {
        for (TransferSyntax ts : TransferSyntax.known()) {
            String uid = ts.uid();
            assertEquals(DEFLATED.contains(uid), ts.deflated(), uid + " deflated");
            assertEquals(!NOT_ENCAPSULATED.contains(uid), ts.encapsulated(), uid + " encapsulated");
            assertEquals(uid.equals(UID.ExplicitVRBigEndian), ts.bigEndian(), uid + " big endian");
            boolean implicit = uid.equals(UID.ImplicitVRLittleEndian) || uid.equals(UID.Papyrus3ImplicitVRLittleEndian);
            assertEquals(!implicit, ts.explicitVr(), uid + " explicit VR");
        }
    }

    @Test
    void nativeSyntaxesComeFirstAndThoseWithoutPixelDataLast() {
        List<TransferSyntax> known = TransferSyntax.known();
        assertEquals(List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN), known.subList(0, 4));
        Set<String> lastFive = known.subList(known.size() - 5, known.size()).stream().map(TransferSyntax::uid)
                .collect(Collectors.toSet());
        assertEquals(Set.of(UID.JPIPReferenced, UID.JPIPReferencedDeflate, UID.JPIPHTJ2KReferenced,
                UID.JPIPHTJ2KReferencedDeflate, UID.Papyrus3ImplicitVRLittleEndian), lastFive);
        assertTrue(known.subList(4, known.size() - 5).stream().allMatch(TransferSyntax::encapsulated));
    }
}
