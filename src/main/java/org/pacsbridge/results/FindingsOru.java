package org.pacsbridge.results;

/**
 * One image's findings as an HL7 v2.5.1 ORU^R01, ready to send.
 *
 * @param controlId MSH-10: the same for every build from the same image and engine, so a resend is recognisable
 * @param er7       the message in ER7 (pipe) encoding, segments separated by CR
 */
public record FindingsOru(String controlId, String er7) {
}
