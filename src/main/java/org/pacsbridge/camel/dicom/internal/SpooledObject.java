package org.pacsbridge.camel.dicom.internal;

import java.nio.file.Path;

/**
 * An object in the spool: its Part 10 file and the facts of the association it came on (kept in a
 * properties file beside it, because the file itself cannot carry the remote address).
 */
public record SpooledObject(Path file, Path facts, String sopInstanceUid) {
}
