package org.pacsbridge.camel.dicom;

/**
 * What the Storage SCP does with an object whose SOP Instance UID is already in the spool,
 * waiting to be processed. Both answer the sender with success: modalities resend after a lost
 * response, and a failure status would only make them retry.
 */
public enum DuplicatePolicy {
    /** The newer copy replaces the spooled one and is processed. */
    REPLACE,
    /** The newer copy is discarded; the spooled one is processed once. */
    IGNORE
}
