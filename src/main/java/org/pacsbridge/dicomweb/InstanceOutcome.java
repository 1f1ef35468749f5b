package org.pacsbridge.dicomweb;

/**
 * What became of one instance of a STOW-RS request.
 *
 * @param sopClassUid    its SOP Class UID, null when it could not be read
 * @param sopInstanceUid its SOP Instance UID, null when it could not be read
 * @param failureReason  0 when it is stored (durable in the spool), else the FailureReason (0008,1197)
 */
record InstanceOutcome(String sopClassUid, String sopInstanceUid, int failureReason) {

    boolean stored() {
        return failureReason == 0;
    }
}
