package org.pacsbridge.camel.dicom.internal;

import java.io.IOException;
import java.io.OutputStream;

/** A file of the spool being written: an unbuffered output stream whose bytes can be forced to disk. */
public abstract class SpoolOutput extends OutputStream {

    /** Forces the bytes written so far, and the file's metadata, to disk. */
    public abstract void sync() throws IOException;
}
