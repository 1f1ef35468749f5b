package org.pacsbridge.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The transfer syntaxes of PS3.6 Table A-1 whose Pixel Data is encapsulated in fragments (PS3.5 A.4), written
 * out from the standard rather than taken from the node's code, so that tests propose what the table holds.
 */
public final class EncapsulatedTransferSyntaxes {

    private static final String JPEG = "1.2.840.10008.1.2.4.";

    private EncapsulatedTransferSyntaxes() {
    }

    /** All 49 of them. */
    public static List<String> all() {
        List<String> uids = new ArrayList<>();
        uids.add("1.2.840.10008.1.2.1.98"); // Encapsulated Uncompressed Explicit VR Little Endian
        for (int process = 50; process <= 66; process++) {
            uids.add(JPEG + process); // JPEG processes 1 to 29, the retired ones included
        }
        uids.addAll(List.of(JPEG + "70", JPEG + "80", JPEG + "81", JPEG + "90", JPEG + "91", JPEG + "92", JPEG + "93"));
        for (int mpeg = 100; mpeg <= 106; mpeg++) {
            uids.add(JPEG + mpeg);
            uids.add(JPEG + mpeg + ".1"); // fragmentable
        }
        uids.addAll(List.of(JPEG + "107", JPEG + "108", JPEG + "110", JPEG + "111", JPEG + "112", JPEG + "201",
                JPEG + "202", JPEG + "203"));
        uids.add("1.2.840.10008.1.2.5"); // RLE Lossless
        uids.add("1.2.840.10008.1.2.8.1"); // Deflated Image Frame Compression
        return List.copyOf(uids);
    }
}
