package org.pacsbridge.dicom.net.internal;

/**
 * Upper-layer state machine actions of PS3.8 section 9.2 (Table 9-6 .. 9-9). The enum constant
 * {@code AE_1} is the standard's "AE-1", and so on. Each action carries the state it leads to; the two
 * actions whose next state depends on the role (AR-8) or on the outcome are resolved by
 * {@link StateMachine}.
 */
public enum Action {
    /** Issue TRANSPORT CONNECT request primitive to local transport service. */
    AE_1(State.Sta4),
    /** Send A-ASSOCIATE-RQ PDU. */
    AE_2(State.Sta5),
    /** Issue A-ASSOCIATE confirmation (accept) primitive. */
    AE_3(State.Sta6),
    /** Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection. */
    AE_4(State.Sta1),
    /** Issue transport connection response primitive; start ARTIM timer. */
    AE_5(State.Sta2),
    /**
     * Stop ARTIM timer and issue A-ASSOCIATE indication primitive. (The standard lets the provider reject
     * here directly; this implementation hands every well-formed request to the local user, which then
     * rejects through Evt8/AE-8 - the resulting PDU exchange is identical.)
     */
    AE_6(State.Sta3),
    /** Send A-ASSOCIATE-AC PDU. */
    AE_7(State.Sta6),
    /** Send A-ASSOCIATE-RJ PDU and start ARTIM timer. */
    AE_8(State.Sta13),
    /** Send P-DATA-TF PDU. */
    DT_1(State.Sta6),
    /** Send P-DATA indication primitive. */
    DT_2(State.Sta6),
    /** Send A-RELEASE-RQ PDU. */
    AR_1(State.Sta7),
    /** Issue A-RELEASE indication primitive. */
    AR_2(State.Sta8),
    /** Issue A-RELEASE confirmation primitive and close transport connection. */
    AR_3(State.Sta1),
    /** Issue A-RELEASE-RP PDU and start ARTIM timer. */
    AR_4(State.Sta13),
    /** Stop ARTIM timer. */
    AR_5(State.Sta1),
    /** Issue P-DATA indication (while awaiting A-RELEASE-RP). */
    AR_6(State.Sta7),
    /** Issue P-DATA-TF PDU (while awaiting local A-RELEASE response). */
    AR_7(State.Sta8),
    /** Issue A-RELEASE indication (release collision): Sta9 if association-requestor, else Sta10. */
    AR_8(null),
    /** Send A-RELEASE-RP PDU. */
    AR_9(State.Sta11),
    /** Issue A-RELEASE confirmation primitive. */
    AR_10(State.Sta12),
    /** Send A-ABORT PDU and start (or restart) ARTIM timer. */
    AA_1(State.Sta13),
    /** Stop ARTIM timer if running; close transport connection. */
    AA_2(State.Sta1),
    /** Issue A-ABORT (or A-P-ABORT) indication and close transport connection. */
    AA_3(State.Sta1),
    /** Issue A-P-ABORT indication primitive. */
    AA_4(State.Sta1),
    /** Stop ARTIM timer. */
    AA_5(State.Sta1),
    /** Ignore PDU. */
    AA_6(State.Sta13),
    /** Send A-ABORT PDU. */
    AA_7(State.Sta13),
    /** Send A-ABORT PDU (service-provider source), issue A-P-ABORT indication, start ARTIM timer. */
    AA_8(State.Sta13);

    private final State next;

    Action(State next) {
        this.next = next;
    }

    /** @return the state this action leads to (null for AR-8, which depends on the role) */
    public State next() {
        return next;
    }

    /** @return the name used by PS3.8, e.g. "AE-1" */
    public String standardName() {
        return name().replace('_', '-');
    }
}
