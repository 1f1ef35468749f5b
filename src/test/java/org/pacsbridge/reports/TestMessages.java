package org.pacsbridge.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Realistic report messages as ER7 text with CR separators. The patient is fictitious.
 */
final class TestMessages {

    static final String CONTROL_ID = "MSG20240315-0001";
    static final String ACCESSION = "ACC2024-0001";

    private TestMessages() {
    }

    /** A segment from (field number, value) pairs; unset fields are empty. */
    static String segment(String id, Object... numberValuePairs) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < numberValuePairs.length; i += 2) {
            int number = (Integer) numberValuePairs[i];
            while (fields.size() < number) {
                fields.add("");
            }
            fields.set(number - 1, (String) numberValuePairs[i + 1]);
        }
        return id + "|" + String.join("|", fields);
    }

    static String msh(String version, String type) {
        return "MSH|^~\\&|RIS|RADIOLOGY^1.2.276.0.7230010.3^ISO|PACSBRIDGE|HOSPITAL|20240315101500+0100||" + type
                + "|" + CONTROL_ID + "|P|" + version;
    }

    static String pid() {
        return segment("PID", 1, "1", 3, "4711-0815^^^HOSP^MR~900123456^^^NHS^NH", 5, "Müller-Lüdenscheidt^Anna^Maria~Schmidt^Anna",
                7, "19640723", 8, "F");
    }

    static String obr(String filler, String service, String status) {
        return segment("OBR", 1, "1", 2, "PL-77812", 3, filler, 4, service, 7, "20240315093000+0100",
                22, "20240315101000+0100", 24, "RAD", 25, status);
    }

    static String obxTx(int setId, String value) {
        return segment("OBX", 1, String.valueOf(setId), 2, "TX", 3, "18782-3^Study observation^LN", 5, value, 11, "F");
    }

    static final String CHEST = "36643-5^XR CHEST 2 VIEWS^LN";

    /** A final chest X-ray ORU^R01 in {@code version}. */
    static String oru(String version) {
        return oru(version, "F");
    }

    static String oru(String version, String status) {
        return join(
                msh(version, version.equals("2.3") ? "ORU^R01" : "ORU^R01^ORU_R01"),
                pid(),
                segment("PV1", 1, "1", 2, "O"),
                segment("ORC", 1, "RE", 2, "PL-77812", 3, ACCESSION),
                obr(ACCESSION, CHEST, status),
                obxTx(1, "FINDINGS: Heart size normal. Lungs are clear."),
                obxTx(2, "IMPRESSION: No acute cardiopulmonary disease."));
    }

    /** An MDM^T02 (no OBR) in {@code version}, document status {@code txa17}. */
    static String mdm(String version, String txa17) {
        return join(
                msh(version, version.equals("2.3") ? "MDM^T02" : "MDM^T02^MDM_T02"),
                segment("EVN", 1, "T02", 2, "20240315101500"),
                pid(),
                segment("PV1", 1, "1", 2, "O"),
                segment("TXA", 1, "1", 2, "RAD", 3, "TX", 4, "20240315093000+0100", 12, "DOC-991^RIS",
                        14, "PL-77812", 15, ACCESSION, 17, txa17),
                obxTx(1, "Chest radiograph, PA and lateral."),
                obxTx(2, "No pneumothorax."));
    }

    static String join(String... segments) {
        return String.join("\r", segments) + "\r";
    }

    /** {@code message} with every segment starting with {@code id} replaced (or removed when {@code replacement} is null). */
    static String replaceSegment(String message, String id, String replacement) {
        List<String> out = new ArrayList<>();
        for (String segment : Arrays.asList(message.split("\r"))) {
            if (segment.startsWith(id + "|")) {
                if (replacement != null) {
                    out.add(replacement);
                }
            } else {
                out.add(segment);
            }
        }
        return String.join("\r", out) + "\r";
    }
}
