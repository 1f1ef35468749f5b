package org.pacsbridge.ingest;

import io.smallrye.config.ConfigMapping;

/** The {@code pacs.spool.*} settings: where the Storage SCP keeps what it has acknowledged. */
@ConfigMapping(prefix = "pacs.spool")
public interface SpoolSettings {

    /** Relative to the node's home unless absolute. */
    String dir();

    /** Free bytes the spool's file system must keep; below it C-STORE answers A700. */
    long minFreeSpace();
}
