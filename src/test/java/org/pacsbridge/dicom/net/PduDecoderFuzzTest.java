package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.pacsbridge.dicom.net.internal.AssociateParams;
import org.pacsbridge.dicom.net.internal.CommandSet;
import org.pacsbridge.dicom.net.internal.Pdu;
import org.pacsbridge.dicom.net.internal.PduFormatException;
import org.pacsbridge.dicom.net.internal.PresentationContext;

/**
 * The upper-layer decoders fed one arbitrary PDU (header and body): A-ASSOCIATE-RQ and -AC with
 * {@link Pdu#decodeAssociate}, and the command sets in the PDVs of a P-DATA-TF with
 * {@link CommandSet#decode}. The other PDU types have fixed 4-byte bodies read in place by the
 * association; they are covered by {@link AssociationAcceptorFuzzTest}.
 *
 * <p>The only failure allowed is {@link PduFormatException} carrying one of the A-ABORT reasons of
 * PS3.8 9.3.8. What decodes must encode again into a PDU that decodes to the same presentation
 * contexts: the acceptor builds its A-ASSOCIATE-AC from a decoded request with the same encoder.
 */
@Tag("fuzz")
class PduDecoderFuzzTest {

    private static final Set<Integer> ABORT_REASONS = Set.of(1, 2, 4, 5, 6);

    @FuzzTest
    @Timeout(10)
    void decode(byte[] pdu) {
        if (pdu.length < Pdu.HEADER_LENGTH) {
            return;
        }
        byte[] body = Arrays.copyOfRange(pdu, Pdu.HEADER_LENGTH, pdu.length);
        try {
            switch (pdu[0]) {
                case Pdu.A_ASSOCIATE_RQ:
                    checkEncodesAgain(Pdu.decodeAssociate(body, body.length, false), false);
                    break;
                case Pdu.A_ASSOCIATE_AC:
                    checkEncodesAgain(Pdu.decodeAssociate(body, body.length, true), true);
                    break;
                case Pdu.P_DATA_TF:
                    decodeCommands(body);
                    break;
                default:
                    break;
            }
        } catch (PduFormatException e) {
            assertTrue(ABORT_REASONS.contains(e.abortReason()), "A-ABORT reason " + e.abortReason());
        }
    }

    private static void checkEncodesAgain(AssociateParams decoded, boolean ac) throws PduFormatException {
        byte[] encoded = Pdu.encodeAssociate(decoded, ac);
        AssociateParams again = Pdu.decodeAssociate(
                Arrays.copyOfRange(encoded, Pdu.HEADER_LENGTH, encoded.length), encoded.length - Pdu.HEADER_LENGTH, ac);
        assertEquals(decoded.contexts.size(), again.contexts.size(), "presentation contexts");
        for (int i = 0; i < decoded.contexts.size(); i++) {
            PresentationContext before = decoded.contexts.get(i);
            PresentationContext after = again.contexts.get(i);
            assertEquals(before.id, after.id, "presentation context ID");
            if (!ac) {
                assertEquals(before.abstractSyntax, after.abstractSyntax, "abstract syntax");
                assertEquals(before.transferSyntaxes, after.transferSyntaxes, "transfer syntaxes");
            }
        }
    }

    /** Walks the PDV items as far as they are consistent and decodes each complete command fragment. */
    private static void decodeCommands(byte[] body) throws PduFormatException {
        int pos = 0;
        while (body.length - pos >= 6) {
            long itemLength = Pdu.u32(body, pos);
            if (itemLength < 2 || itemLength > body.length - pos - 4) {
                return;
            }
            int dataLength = (int) itemLength - 2;
            boolean command = (body[pos + 5] & 1) != 0;
            byte[] data = Arrays.copyOfRange(body, pos + 6, pos + 6 + dataLength);
            pos += 4 + (int) itemLength;
            if (command) {
                CommandSet cs = CommandSet.decode(data, data.length);
                cs.getUS(CommandSet.COMMAND_FIELD);
                cs.getString(CommandSet.AFFECTED_SOP_INSTANCE_UID);
                CommandSet.decode(cs.encode(), cs.encode().length);
            }
        }
    }
}
