package org.pacsbridge.camel.dicom.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file-system operations the spool's durability rests on: writing a file, forcing it to disk, renaming
 * it atomically and forcing a directory. One seam, so that their order can be observed.
 */
public interface SpoolFileSystem {

    /** The local file system, with real fsyncs. */
    SpoolFileSystem LOCAL = new LocalSpoolFileSystem();

    /** A new (or truncated) file open for writing. */
    SpoolOutput create(Path file) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
    void atomicMove(Path from, Path to) throws IOException;

    /** Forces a directory's entries (created, renamed, removed files) to disk. */
    void syncDirectory(Path directory) throws IOException;
}
