package org.pacsbridge.testing;

/** Chest X-ray ORU^R01 2.5.1 messages for end-to-end tests. The patient is fictitious. */
public final class Hl7Reports {

    private Hl7Reports() {
    }

    /**
     * @param status  OBR-25: P, F or C (corrected)
     * @param minute  minute of MSH-7 (later messages of one report get a higher version)
     */
    public static String chestOru(String accession, String controlId, String status, int minute, String... lines) {
        String time = String.format("20261123%02d%02d00", 10 + minute / 60, minute % 60);
        StringBuilder message = new StringBuilder()
                .append("MSH|^~\\&|RIS|HOSP|PACSBRIDGE|HOSP|").append(time).append("||ORU^R01^ORU_R01|").append(controlId)
                .append("|P|2.5.1||||||UNICODE UTF-8\r")
                .append("PID|1||MRN-").append(accession).append("^^^HOSP^MR||TESTPATIENT^ALEX||19700101|U\r")
                .append("OBR|1|PL").append(accession).append("|").append(accession)
                .append("|XRCHEST^XR CHEST PA|||20261123100000|||||||||||||||||").append(status).append("\r");
        for (int i = 0; i < lines.length; i++) {
            message.append("OBX|").append(i + 1).append("|TX|REPORT^Report||").append(lines[i]).append("||||||")
                    .append(status).append("\r");
        }
        return message.toString();
    }
}
