package org.pacsbridge.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One chest X-ray report full of identifying values — the patient's names, identifiers, birth date,
 * address, telephone numbers and e-mail, a relative, the doctors, the order numbers — in every
 * segment that carries them and again inside the report text, as HL7 ER7 and as report JSON. The
 * people are fictitious. {@link #assertNoIdentifierIn} checks a text for every one of them.
 */
public final class IdentifyingReports {

    /** Report text that must arrive: measurements and anatomy. */
    public static final List<String> MEDICAL_TEXT = List.of("Nodule 5 mm in the right upper lobe, previously 2.5 cm",
            "T4, C7 and L1-L2 unremarkable", "cardiothoracic ratio 1/2", "IMPRESSION: No pneumothorax.");

    private IdentifyingReports() {
    }

    /** Report text lines naming everyone; HL7 escapes where {@code er7}. */
    private static List<String> lines(String accession, boolean er7) {
        String hidden = er7 ? "\\H\\Thornbury\\N\\, \\X526F736965\\ (Rosie)" : "Thornbury, Rosie (Rosie)";
        return List.of(
                "Patient Rosalind Imogen FEATHERSTONEHAUGH (MRN48151623, NHS 943 476 5919), born 12/03/1961, also 12 March 1961.",
                "Address 17 Wexford Gardens, Hebden Bridge, HX7 8QP. Tel (01422) 845233, mobile 07700 900461, rosalind.f@example.org.",
                "Also known as " + hidden + "; mother's maiden name Blackwood; husband Barnaby Featherstonehaugh.",
                "Referred by Dr Vasquez-Ribeiro (R7788), attending Okonkwo, reported by Castellanos, copy to Greenhalgh.",
                "Accession " + accession + ", order PL-" + accession + ", SSN 078-05-1120, licence D1234567, account ACCT5550001.",
                "FINDINGS: Nodule 5 mm in the right upper lobe, previously 2.5 cm; T4, C7 and L1-L2 unremarkable; "
                        + "cardiothoracic ratio 1/2.",
                "IMPRESSION: No pneumothorax. Reference word " + tag(accession) + ".");
    }

    /** A word of letters only, unique per accession, that scrubbing leaves alone: finds this report's request. */
    public static String tag(String accession) {
        StringBuilder tag = new StringBuilder("tag");
        accession.chars().filter(Character::isDigit).forEach(c -> tag.append((char) ('a' + c - '0')));
        return tag.toString();
    }

    /** ORU^R01 2.5.1: PID, NK1, PV1, ORC, OBR and the text in OBX, status F. */
    public static String er7(String accession) {
        StringBuilder m = new StringBuilder()
                .append("MSH|^~\\&|RIS|HOSP|PACSBRIDGE|HOSP|20261123101500||ORU^R01^ORU_R01|CTL").append(accession)
                .append("|P|2.5.1||||||UNICODE UTF-8\r")
                .append(segment("PID", 1, "1", 2, "EXT778123", 3, "MRN48151623^^^HOSP^MR~9434765919^^^NHS^NH", 4, "ALT99887766",
                        5, "Featherstonehaugh&&Quennell^Rosalind^Imogen", 6, "Blackwood^Margery", 7, "19610312", 8, "F",
                        9, "Thornbury^Rosie", 11, "17 Wexford Gardens^Flat 3^Hebden Bridge^West Yorkshire^HX7 8QP^GBR",
                        13, "(01422) 845233^PRN^PH^rosalind.f@example.org", 14, "01422 846912^WPN^PH", 18, "ACCT5550001",
                        19, "078-05-1120", 20, "D1234567^CA^20300101", 21, "MOTH7778881"))
                .append(segment("NK1", 1, "1", 2, "Featherstonehaugh^Barnaby", 3, "SPO^Spouse",
                        4, "17 Wexford Gardens^^Hebden Bridge^^HX7 8QP", 5, "07700 900461"))
                .append(segment("PV1", 1, "1", 2, "O", 7, "D4455^Okonkwo^Chidinma", 8, "R7788^Vasquez-Ribeiro^Esteban",
                        9, "C1122^Lindqvist^Annika", 17, "A3344^Tremaine^Oswin", 19, "V20240315777"))
                .append(segment("ORC", 1, "RE", 2, "PL-" + accession, 3, accession, 10, "E5566^Marchetti^Giulia",
                        11, "V6677^Abernathy^Cosmo", 12, "O8899^Nakashima^Haruki"))
                .append(segment("OBR", 1, "1", 2, "PL-" + accession, 3, accession, 4, "XRCHEST^XR CHEST PA", 7, "20261123100000",
                        16, "O8899^Nakashima^Haruki", 18, "PLF8812345", 19, "FIL7712345", 25, "F", 28, "CC1234^Greenhalgh^Wilfred",
                        32, "I5678&Castellanos&Perpetua", 33, "A6789&Dimitrov&Yordan", 34, "T7890&Ashworth&Philippa",
                        35, "TR9012&Okafor&Ngozi"));
        List<String> lines = lines(accession, true);
        for (int i = 0; i < lines.size(); i++) {
            m.append("OBX|").append(i + 1).append("|TX|REPORT^Report||").append(lines.get(i)).append("||||||F\r");
        }
        return m.toString();
    }

    /** A segment from (field number, value) pairs, CR-terminated; unset fields are empty. */
    private static String segment(String id, Object... numberValuePairs) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < numberValuePairs.length; i += 2) {
            int number = (Integer) numberValuePairs[i];
            while (fields.size() < number) {
                fields.add("");
            }
            fields.set(number - 1, (String) numberValuePairs[i + 1]);
        }
        return id + "|" + String.join("|", fields) + "\r";
    }

    /** Report JSON with the same identity in its identity fields and the same text. */
    public static String json(String accession) {
        return "{\"schema\":\"pacs-bridge.report/v1\",\"accessionNumber\":\"" + accession + "\",\"patientId\":\"MRN48151623\","
                + "\"procedureCode\":\"XRCHEST\",\"procedureText\":\"XR CHEST PA\",\"status\":\"FINAL\","
                + "\"patientName\":{\"family\":\"Featherstonehaugh\",\"given\":[\"Rosalind\",\"Imogen\"]},"
                + "\"birthDate\":\"1961-03-12\","
                + "\"otherNames\":[\"Quennell\",\"Margery Blackwood\",\"Rosie Thornbury\",\"Barnaby Featherstonehaugh\","
                + "\"Chidinma Okonkwo\",\"Esteban Vasquez-Ribeiro\",\"Annika Lindqvist\",\"Oswin Tremaine\",\"Giulia Marchetti\","
                + "\"Cosmo Abernathy\",\"Haruki Nakashima\",\"Wilfred Greenhalgh\",\"Perpetua Castellanos\",\"Yordan Dimitrov\","
                + "\"Philippa Ashworth\",\"Ngozi Okafor\"],"
                + "\"otherIds\":[\"EXT778123\",\"9434765919\",\"ALT99887766\",\"ACCT5550001\",\"078-05-1120\",\"D1234567\","
                + "\"MOTH7778881\",\"V20240315777\",\"PL-" + accession + "\",\"R7788\"],"
                + "\"addresses\":[\"17 Wexford Gardens\",\"Flat 3\",\"Hebden Bridge\",\"West Yorkshire\",\"HX7 8QP\"],"
                + "\"phones\":[\"(01422) 845233\",\"01422 846912\",\"07700 900461\"],"
                + "\"emails\":[\"rosalind.f@example.org\"],"
                + "\"reportText\":\"" + String.join("\\n", lines(accession, false)) + "\"}";
    }

    /** Every identifying value of the report, in the forms it is written in above. */
    public static List<String> identifiers(String accession) {
        List<String> values = new ArrayList<>(List.of("Featherstonehaugh", "Rosalind", "Imogen", "Quennell", "Blackwood",
                "Margery", "Thornbury", "Rosie", "Barnaby", "Okonkwo", "Chidinma", "Vasquez", "Ribeiro", "Esteban", "Lindqvist",
                "Annika", "Tremaine", "Oswin", "Marchetti", "Giulia", "Abernathy", "Cosmo", "Nakashima", "Haruki", "Greenhalgh",
                "Wilfred", "Castellanos", "Perpetua", "Dimitrov", "Yordan", "Ashworth", "Philippa", "Okafor", "Ngozi",
                "48151623", "943 476 5919", "9434765919", "778123", "99887766", "5550001", "078-05-1120", "D1234567",
                "7778881", "20240315777", "8812345", "7712345", "R7788",
                "12/03/1961", "12 March 1961", "19610312", "1961",
                "Wexford", "Hebden", "Yorkshire", "HX7 8QP", "845233", "846912", "900461", "rosalind.f@example.org",
                accession));
        return values;
    }

    /** Fails naming (not quoting) each identifying value found in {@code text}, case-insensitively. */
    public static void assertNoIdentifierIn(String text, String accession) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Integer> found = new ArrayList<>();
        List<String> values = identifiers(accession);
        for (int i = 0; i < values.size(); i++) {
            if (lower.contains(values.get(i).toLowerCase(Locale.ROOT))) {
                found.add(i);
            }
        }
        assertTrue(found.isEmpty(), () -> "identifying values " + found.stream().map(values::get).toList() + " in: " + text);
    }

    /** Fails unless every piece of {@link #MEDICAL_TEXT} is in {@code text}. */
    public static void assertMedicalTextIn(String text) {
        for (String piece : MEDICAL_TEXT) {
            assertTrue(text.contains(piece), () -> "missing \"" + piece + "\" in: " + text);
        }
    }
}
