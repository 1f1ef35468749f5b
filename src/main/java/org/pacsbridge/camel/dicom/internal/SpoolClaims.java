package org.pacsbridge.camel.dicom.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * One worker at a time per spooled SOP Instance UID. A resend replaces the spooled copy while the
 * first copy may still be in the route; without this, a second worker could take the new copy,
 * find it a duplicate and remove the file the first worker still needs (to retry it or keep it as a
 * dead letter). A worker that finds the object claimed leaves it to the owner: the owner removes a
 * copy that replaced its own once its outcome stands, or retries the newest copy if it failed.
 */
public final class SpoolClaims {

    private final Set<String> claimed = new HashSet<>();

    /** Claims {@code object}; false when another worker has it. */
    public synchronized boolean claim(SpooledObject object) {
        return claimed.add(name(object));
    }

    public synchronized void release(SpooledObject object) {
        claimed.remove(name(object));
    }

    private static String name(SpooledObject object) {
        return object.file().getFileName().toString();
    }
}
