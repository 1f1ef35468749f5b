package org.pacsbridge.camel.dicom.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The spool's file operations on the local file system: fsync by {@code FileDescriptor.sync()} / {@code force(true)}. */
final class LocalSpoolFileSystem implements SpoolFileSystem {

    @Override
    public SpoolOutput create(Path file) throws IOException {
        return new FileOutput(new FileOutputStream(file.toFile()));
    }

    @Override
    public void atomicMove(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The spool needs a file system with atomic rename: " + to.getParent(), e);
        }
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static final class FileOutput extends SpoolOutput {
        private final FileOutputStream out;

        FileOutput(FileOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void sync() throws IOException {
            out.getFD().sync();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
