package org.pacsbridge.dicom.net.internal;

/** Upper-layer state machine events, as numbered in PS3.8 section 9.2 (Table 9-2). */
public enum Event {
    /** A-ASSOCIATE request (local user). */
    Evt1,
    /** Transport connect confirmation (local transport service). */
    Evt2,
    /** A-ASSOCIATE-AC PDU received. */
    Evt3,
    /** A-ASSOCIATE-RJ PDU received. */
    Evt4,
    /** Transport connection indication (local transport service). */
    Evt5,
    /** A-ASSOCIATE-RQ PDU received. */
    Evt6,
    /** A-ASSOCIATE response primitive (accept). */
    Evt7,
    /** A-ASSOCIATE response primitive (reject). */
    Evt8,
    /** P-DATA request primitive. */
    Evt9,
    /** P-DATA-TF PDU received. */
    Evt10,
    /** A-RELEASE request primitive. */
    Evt11,
    /** A-RELEASE-RQ PDU received. */
    Evt12,
    /** A-RELEASE-RP PDU received. */
    Evt13,
    /** A-RELEASE response primitive. */
    Evt14,
    /** A-ABORT request primitive. */
    Evt15,
    /** A-ABORT PDU received. */
    Evt16,
    /** Transport connection closed indication. */
    Evt17,
    /** ARTIM timer expired. */
    Evt18,
    /** Unrecognized or invalid PDU received. */
    Evt19
}
