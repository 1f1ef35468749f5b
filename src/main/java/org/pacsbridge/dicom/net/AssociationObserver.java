package org.pacsbridge.dicom.net;

import java.time.Duration;

/**
 * Told what happens on a {@link DicomServer}'s associations, e.g. to count them. Called on the
 * association's own thread; implementations must be quick and must not throw.
 */
public interface AssociationObserver {

    /** Observes nothing. */
    AssociationObserver NONE = new AssociationObserver() {
    };

    /** An A-ASSOCIATE-AC was sent. */
    default void accepted(AssociationInfo association) {
    }

    /**
     * An A-ASSOCIATE-RJ was sent, with its PS3.8 result, source and reason.
     *
     * @see AssociationRejectedException#describe(int, int)
     */
    default void rejected(String callingAeTitle, int result, int source, int reason) {
    }

    /** A connection was closed at accept because its remote address is not on the allow-list. */
    default void connectionRefused(java.net.InetAddress remote) {
    }

    /** The association ended with an A-ABORT (sent or received) instead of a release. */
    default void aborted() {
    }

    /**
     * A C-STORE response was sent.
     *
     * @param bytes   data set bytes received for it
     * @param elapsed from the request's command to the response
     * @param status  the DIMSE status answered
     */
    default void stored(String sopClassUid, long bytes, Duration elapsed, int status) {
    }
}
