package org.pacsbridge.camel.dicom.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.pacsbridge.dicom.net.AssociationObserver;
import org.pacsbridge.dicom.net.CStoreHandler;

/**
 * Records, in one global order, what the spool does to the file system (through a {@link SpoolFileSystem}
 * that does the real operations on the local disk), when a C-STORE begins and when its response has been
 * sent, each with the thread it happened on. Variants of the file system that leave out the file or the
 * directory fsync stand in for code that forgot them.
 */
final class DurabilityRecording {

    /** SYNC_DIR_START: a directory fsync called; SYNC_DIR: it returned (on the same thread). */
    enum Kind { BEGIN, CREATE, WRITE, SYNC_FILE, MOVE, SYNC_DIR_START, SYNC_DIR, RESPONSE }

    /**
     * One recorded step. {@code path}: the file or directory; {@code target}: where a MOVE went;
     * {@code uid}: the SOP Instance UID of a BEGIN; {@code status}: the DIMSE status of a RESPONSE.
     */
    record Event(long seq, String thread, Kind kind, Path path, Path target, String uid, int status) {
    }

    private final List<Event> events = new ArrayList<>();

    synchronized void record(Kind kind, Path path, Path target, String uid, int status) {
        events.add(new Event(events.size(), Thread.currentThread().getName(), kind, path, target, uid, status));
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The real file system, every operation recorded. */
    SpoolFileSystem fileSystem() {
        return fileSystem(true, true);
    }

    /** The real file system with file and/or directory fsyncs left out (and not recorded). */
    SpoolFileSystem fileSystem(boolean syncFiles, boolean syncDirectories) {
        SpoolFileSystem real = SpoolFileSystem.LOCAL;
        return new SpoolFileSystem() {
            @Override
            public SpoolOutput create(Path file) throws IOException {
                SpoolOutput out = real.create(file);
                record(Kind.CREATE, file, null, null, -1);
                return new SpoolOutput() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        record(Kind.WRITE, file, null, null, -1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        record(Kind.WRITE, file, null, null, -1);
                    }

                    @Override
                    public void sync() throws IOException {
                        if (syncFiles) {
                            out.sync();
                            record(Kind.SYNC_FILE, file, null, null, -1);
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }
                };
            }

            @Override
            public void atomicMove(Path from, Path to) throws IOException {
                real.atomicMove(from, to);
                record(Kind.MOVE, from, to, null, -1);
            }

            @Override
            public void syncDirectory(Path directory) throws IOException {
                if (syncDirectories) {
                    record(Kind.SYNC_DIR_START, directory, null, null, -1);
                    real.syncDirectory(directory);
                    record(Kind.SYNC_DIR, directory, null, null, -1);
                }
            }
        };
    }

    /** The store handler, with the start of each C-STORE recorded. */
    CStoreHandler handler(CStoreHandler handler) {
        return request -> {
            record(Kind.BEGIN, null, null, request.affectedSopInstanceUid(), -1);
            return handler.begin(request);
        };
    }

    /** Records each C-STORE response; the server calls it once the response has been written to the socket. */
    AssociationObserver observer() {
        return new AssociationObserver() {
            @Override
            public void stored(String sopClassUid, long bytes, Duration elapsed, int status) {
                record(Kind.RESPONSE, null, null, null, status);
            }
        };
    }
}
