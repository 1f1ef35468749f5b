package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pacsbridge.dicom.net.internal.Action;
import org.pacsbridge.dicom.net.internal.AssociateParams;
import org.pacsbridge.dicom.net.internal.CommandSet;
import org.pacsbridge.dicom.net.internal.Event;
import org.pacsbridge.dicom.net.internal.Pdu;
import org.pacsbridge.dicom.net.internal.PduFormatException;
import org.pacsbridge.dicom.net.internal.PresentationContext;
import org.pacsbridge.dicom.net.internal.RoleSelection;
import org.pacsbridge.dicom.net.internal.State;
import org.pacsbridge.dicom.net.internal.StateMachine;

/** State machine table and PDU / command-set codecs. */
class UpperLayerCodecTest {

    @Test
    void acceptorHappyPathFollowsTable() {
        StateMachine sm = new StateMachine(false);
        assertEquals(Action.AE_5, sm.fire(Event.Evt5));
        assertEquals(State.Sta2, sm.state());
        assertEquals(Action.AE_6, sm.fire(Event.Evt6));
        assertEquals(State.Sta3, sm.state());
        assertEquals(Action.AE_7, sm.fire(Event.Evt7));
        assertEquals(State.Sta6, sm.state());
        assertEquals(Action.DT_2, sm.fire(Event.Evt10));
        assertEquals(Action.DT_1, sm.fire(Event.Evt9));
        assertEquals(Action.AR_2, sm.fire(Event.Evt12));
        assertEquals(State.Sta8, sm.state());
        assertEquals(Action.AR_4, sm.fire(Event.Evt14));
        assertEquals(State.Sta13, sm.state());
        assertEquals(Action.AR_5, sm.fire(Event.Evt17));
        assertEquals(State.Sta1, sm.state());
    }

    @Test
    void requestorPathAndReleaseCollision() {
        StateMachine sm = new StateMachine(true);
        assertEquals(Action.AE_1, sm.fire(Event.Evt1));
        assertEquals(State.Sta4, sm.state());
        assertEquals(Action.AE_2, sm.fire(Event.Evt2));
        assertEquals(State.Sta5, sm.state());
        assertEquals(Action.AE_3, sm.fire(Event.Evt3));
        assertEquals(Action.AR_1, sm.fire(Event.Evt11));
        assertEquals(State.Sta7, sm.state());
        assertEquals(Action.AR_6, sm.fire(Event.Evt10));
        assertEquals(Action.AR_8, sm.fire(Event.Evt12));
        assertEquals(State.Sta9, sm.state());
        assertEquals(Action.AR_9, sm.fire(Event.Evt14));
        assertEquals(State.Sta11, sm.state());
        assertEquals(Action.AR_3, sm.fire(Event.Evt13));
        assertEquals(State.Sta1, sm.state());

        StateMachine acc = new StateMachine(false);
        acc.fire(Event.Evt5);
        acc.fire(Event.Evt6);
        acc.fire(Event.Evt7);
        acc.fire(Event.Evt11);
        assertEquals(Action.AR_8, acc.fire(Event.Evt12));
        assertEquals(State.Sta10, acc.state());
        assertEquals(Action.AR_10, acc.fire(Event.Evt13));
        assertEquals(State.Sta12, acc.state());
    }

    @Test
    void errorEntriesAndInvalidEvents() {
        assertEquals(Action.AA_1, StateMachine.lookup(State.Sta2, Event.Evt19));
        assertEquals(Action.AA_8, StateMachine.lookup(State.Sta6, Event.Evt19));
        assertEquals(Action.AA_7, StateMachine.lookup(State.Sta13, Event.Evt19));
        assertEquals(Action.AA_2, StateMachine.lookup(State.Sta2, Event.Evt18));
        assertEquals(Action.AA_8, StateMachine.lookup(State.Sta6, Event.Evt3));
        assertEquals(Action.AA_6, StateMachine.lookup(State.Sta13, Event.Evt10));
        assertEquals(Action.AA_4, StateMachine.lookup(State.Sta6, Event.Evt17));
        assertEquals(Action.AA_3, StateMachine.lookup(State.Sta7, Event.Evt16));
        assertNull(StateMachine.lookup(State.Sta6, Event.Evt18));
        StateMachine sm = new StateMachine(false);
        assertThrows(IllegalStateException.class, () -> sm.fire(Event.Evt9));
        assertFalse(sm.accepts(Event.Evt10));
        assertEquals("AA-8", Action.AA_8.standardName());
        // every network event is defined in every state in which we read from the network
        for (State s : new State[] {State.Sta2, State.Sta5, State.Sta6, State.Sta7, State.Sta13}) {
            for (Event e : new Event[] {Event.Evt3, Event.Evt4, Event.Evt6, Event.Evt10, Event.Evt12, Event.Evt13, Event.Evt16, Event.Evt17, Event.Evt19}) {
                assertTrue(StateMachine.lookup(s, e) != null, s + "/" + e);
            }
        }
    }

    @Test
    void associateRequestRoundTrip() throws Exception {
        AssociateParams rq = new AssociateParams();
        rq.calledAe = "CALLED";
        rq.callingAe = "CALLING";
        rq.maxPduLength = 32768;
        rq.implementationClassUid = "1.2.3";
        rq.implementationVersionName = "V1";
        rq.asyncInvoked = 3;
        rq.asyncPerformed = 2;
        rq.roles.add(new RoleSelection(NetTestSupport.CT, 1, 1));
        rq.contexts.add(new PresentationContext(1, NetTestSupport.CT, List.of(NetTestSupport.EXPLICIT_LE, NetTestSupport.IMPLICIT_LE)));
        rq.contexts.add(new PresentationContext(3, NetTestSupport.VERIFICATION, List.of(NetTestSupport.IMPLICIT_LE)));
        byte[] pdu = Pdu.encodeAssociate(rq, false);
        assertEquals(Pdu.A_ASSOCIATE_RQ, pdu[0]);
        assertEquals(pdu.length - 6, Pdu.u32(pdu, 2));
        byte[] body = java.util.Arrays.copyOfRange(pdu, 6, pdu.length);
        AssociateParams d = Pdu.decodeAssociate(body, body.length, false);
        assertEquals("CALLED", d.calledAe);
        assertEquals("CALLING", d.callingAe);
        assertEquals(32768, d.maxPduLength);
        assertEquals("1.2.3", d.implementationClassUid);
        assertEquals("V1", d.implementationVersionName);
        assertEquals(3, d.asyncInvoked);
        assertEquals(2, d.asyncPerformed);
        assertEquals(List.of(new RoleSelection(NetTestSupport.CT, 1, 1)), d.roles);
        assertEquals(2, d.contexts.size());
        assertEquals(NetTestSupport.CT, d.contexts.get(0).abstractSyntax);
        assertEquals(List.of(NetTestSupport.EXPLICIT_LE, NetTestSupport.IMPLICIT_LE), d.contexts.get(0).transferSyntaxes);
        assertEquals(3, d.contexts.get(1).id);
    }

    @Test
    void malformedAssociateRequestsAreRejectedWithReason() {
        byte[] good = NetTestSupport.associateRq("A", "B", NetTestSupport.pc(1, NetTestSupport.CT, NetTestSupport.IMPLICIT_LE));
        byte[] body = java.util.Arrays.copyOfRange(good, 6, good.length);
        // truncated
        PduFormatException e = assertThrows(PduFormatException.class, () -> Pdu.decodeAssociate(body, body.length - 3, false));
        assertEquals(6, e.abortReason());
        // even presentation context ID
        byte[] even = NetTestSupport.associateRq("A", "B", NetTestSupport.pc(2, NetTestSupport.CT, NetTestSupport.IMPLICIT_LE));
        byte[] evenBody = java.util.Arrays.copyOfRange(even, 6, even.length);
        assertEquals(6, assertThrows(PduFormatException.class, () -> Pdu.decodeAssociate(evenBody, evenBody.length, false)).abortReason());
        // item length pointing past the end
        byte[] bad = body.clone();
        bad[68 + 2] = (byte) 0x7f;
        assertThrows(PduFormatException.class, () -> Pdu.decodeAssociate(bad, bad.length, false));
        // fixed part too short
        assertThrows(PduFormatException.class, () -> Pdu.decodeAssociate(new byte[10], 10, false));
    }

    @Test
    void commandSetRoundTripHasGroupLength() throws Exception {
        byte[] enc = NetTestSupport.storeRq(7, NetTestSupport.CT, "1.2.3.4.5");
        // (0000,0000) UL first, implicit VR LE
        assertArrayEquals(new byte[] {0, 0, 0, 0, 4, 0, 0, 0}, java.util.Arrays.copyOf(enc, 8));
        long groupLength = (enc[8] & 0xff) | (enc[9] & 0xff) << 8;
        assertEquals(enc.length - 12, groupLength);
        CommandSet cs = CommandSet.decode(enc, enc.length);
        assertEquals(CommandSet.C_STORE_RQ, cs.getUS(CommandSet.COMMAND_FIELD));
        assertEquals(7, cs.getUS(CommandSet.MESSAGE_ID));
        assertEquals(NetTestSupport.CT, cs.getString(CommandSet.AFFECTED_SOP_CLASS_UID));
        assertEquals("1.2.3.4.5", cs.getString(CommandSet.AFFECTED_SOP_INSTANCE_UID));
        assertThrows(PduFormatException.class, () -> CommandSet.decode(enc, enc.length - 1));
    }

    @Test
    void dimseStatusHelpers() {
        assertTrue(DimseStatus.isSuccess(0));
        assertTrue(DimseStatus.isWarning(0xB007));
        assertTrue(DimseStatus.isFailure(0xA700));
        assertTrue(DimseStatus.isFailure(0x0122));
        assertFalse(DimseStatus.isFailure(0xB000));
        assertTrue(DimseStatus.describe(0xA700).contains("0xA700"));
    }
}
