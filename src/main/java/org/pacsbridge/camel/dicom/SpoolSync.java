package org.pacsbridge.camel.dicom;

/** What the Storage SCP forces to disk before it answers a C-STORE with success. */
public enum SpoolSync {
    /**
     * The object's file and the spool directory entry that names it: an acknowledged object survives a power
     * loss. Associations completing objects at the same time share one directory fsync.
     */
    PER_OBJECT,
    /**
     * Nothing: the object is written and renamed into place (atomically, so it is whole or absent), and the
     * operating system writes it back when it will. Survives a crash of the node, not a power loss or a
     * crash of the operating system in the seconds after the acknowledgement.
     */
    NONE
}
