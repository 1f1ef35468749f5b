package org.pacsbridge.ingest;

import org.pacsbridge.camel.dicom.SpoolSync;

import io.smallrye.config.ConfigMapping;

/** The {@code pacs.spool.*} settings: where the Storage SCP keeps what it has acknowledged. */
@ConfigMapping(prefix = "pacs.spool")
public interface SpoolSettings {

    /** Relative to the node's home unless absolute. */
    String dir();

    /** Free bytes the spool's file system must keep; below it C-STORE answers A700. */
    long minFreeSpace();

    /**
     * {@code per-object}: each object's file and its directory entry are fsynced before C-STORE success;
     * {@code none}: nothing is fsynced (safe against a crash of the node, not against a power loss).
     */
    SpoolSync sync();
}
