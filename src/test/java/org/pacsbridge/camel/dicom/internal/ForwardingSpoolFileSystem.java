package org.pacsbridge.camel.dicom.internal;

import java.io.IOException;
import java.nio.file.Path;

/** Does what another spool file system does; a test overrides the one operation it changes or watches. */
class ForwardingSpoolFileSystem implements SpoolFileSystem {

    private final SpoolFileSystem real;

    ForwardingSpoolFileSystem(SpoolFileSystem real) {
        this.real = real;
    }

    @Override
    public SpoolOutput create(Path file) throws IOException {
        return real.create(file);
    }

    @Override
    public void atomicMove(Path from, Path to) throws IOException {
        real.atomicMove(from, to);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        real.syncDirectory(directory);
    }
}
