package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;

import org.pacsbridge.dicom.net.internal.AssociateParams;
import org.pacsbridge.dicom.net.internal.CommandSet;
import org.pacsbridge.dicom.net.internal.Pdu;
import org.pacsbridge.dicom.net.internal.PduFormatException;
import org.pacsbridge.dicom.net.internal.PresentationContext;

/**
 * Checks what an association acceptor wrote to its peer: a well-formed sequence of PDUs that PS3.8
 * allows an acceptor to send. That is nothing, or an A-ASSOCIATE-RJ alone, or an A-ASSOCIATE-AC
 * followed by DIMSE responses (commands, possibly fragmented to the peer's maximum PDU length) on
 * accepted presentation contexts; an A-RELEASE-RP or an A-ABORT (the only PDU allowed before the
 * association is established) ends the sequence.
 */
final class AcceptorAnswers {

    private static final Set<Integer> ABORT_REASONS = Set.of(0, 1, 2, 4, 5, 6);

    private AcceptorAnswers() {
    }

    static void check(byte[] out) throws PduFormatException {
        int pos = 0;
        boolean established = false;
        boolean ended = false;
        Set<Integer> accepted = new HashSet<>();
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        while (pos < out.length) {
            assertTrue(!ended, "a PDU follows the PDU that ended the association");
            assertTrue(out.length - pos >= Pdu.HEADER_LENGTH, "truncated PDU header");
            int type = out[pos] & 0xff;
            long len = Pdu.u32(out, pos + 2);
            assertTrue(len <= out.length - pos - Pdu.HEADER_LENGTH, "PDU length beyond the bytes written");
            byte[] body = java.util.Arrays.copyOfRange(out, pos + Pdu.HEADER_LENGTH, pos + Pdu.HEADER_LENGTH + (int) len);
            boolean first = pos == 0;
            pos += Pdu.HEADER_LENGTH + (int) len;
            switch (type) {
                case Pdu.A_ASSOCIATE_AC: {
                    assertTrue(first, "A-ASSOCIATE-AC not first");
                    AssociateParams ac = Pdu.decodeAssociate(body, body.length, true);
                    for (PresentationContext pc : ac.contexts) {
                        if (pc.result == PresentationContext.ACCEPTANCE) {
                            accepted.add(pc.id);
                        }
                    }
                    established = true;
                    break;
                }
                case Pdu.A_ASSOCIATE_RJ:
                    assertTrue(first, "A-ASSOCIATE-RJ not first");
                    assertEquals(4, body.length, "A-ASSOCIATE-RJ length");
                    ended = true;
                    break;
                case Pdu.P_DATA_TF:
                    assertTrue(established, "P-DATA-TF before A-ASSOCIATE-AC");
                    checkResponse(body, accepted, command);
                    break;
                case Pdu.A_RELEASE_RP:
                    assertTrue(established, "A-RELEASE-RP before A-ASSOCIATE-AC");
                    assertEquals(4, body.length, "A-RELEASE-RP length");
                    ended = true;
                    break;
                case Pdu.A_ABORT:
                    assertEquals(4, body.length, "A-ABORT length");
                    int source = body[2] & 0xff;
                    int reason = body[3] & 0xff;
                    assertTrue(source == 0 && reason == 0 || source == 2 && ABORT_REASONS.contains(reason),
                            "A-ABORT source " + source + " reason " + reason);
                    ended = true;
                    break;
                default:
                    fail("acceptor sent PDU type " + type);
            }
        }
    }

    /**
     * One P-DATA-TF: a single PDV holding a fragment of a command (a DIMSE response; the acceptor sends
     * no data sets). Fragments are collected in {@code command} until the last one, which must complete
     * a response.
     */
    private static void checkResponse(byte[] body, Set<Integer> accepted, ByteArrayOutputStream command)
            throws PduFormatException {
        assertTrue(body.length >= 6, "P-DATA-TF without a PDV");
        long itemLength = Pdu.u32(body, 0);
        assertEquals(body.length - 4, itemLength, "PDV item length");
        int pcid = body[4] & 0xff;
        int control = body[5] & 0xff;
        assertTrue(accepted.contains(pcid), "response on presentation context " + pcid + " which was not accepted");
        assertEquals(1, control & 0xfd, "response PDV is not a command fragment");
        command.write(body, 6, body.length - 6);
        if ((control & 2) == 0) {
            return;
        }
        byte[] complete = command.toByteArray();
        command.reset();
        CommandSet response = CommandSet.decode(complete, complete.length);
        assertTrue((response.getUS(CommandSet.COMMAND_FIELD) & 0x8000) != 0, "command is not a response");
        assertTrue(response.getUS(CommandSet.STATUS) >= 0, "response without status");
    }
}
