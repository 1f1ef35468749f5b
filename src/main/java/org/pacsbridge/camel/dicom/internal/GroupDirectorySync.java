package org.pacsbridge.camel.dicom.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Group commit of one directory: a caller that has renamed a file into the directory waits for a directory
 * fsync that <em>started after</em> its call, so the rename is on disk when it returns. Callers that arrive
 * while a sync runs all wait for the next one, which one of them performs for the others: under concurrent
 * commits one fsync covers many renames, and the syncs never overlap. A failed sync fails every caller
 * that was waiting for it; the next round starts afresh.
 */
final class GroupDirectorySync {

    private final Path directory;
    private final SpoolFileSystem fileSystem;
    /** The round callers join now; it has not started, so it starts after their renames. */
    private Round next = new Round();
    private boolean syncing;

    GroupDirectorySync(Path directory, SpoolFileSystem fileSystem) {
        this.directory = directory;
        this.fileSystem = fileSystem;
    }

    /** Returns once a sync of the directory that started after this call has completed; throws if it failed. */
    void awaitSync() throws IOException {
        // an interrupt pending on this thread would close the channel of a sync it leads and fail the
        // whole round; it is kept for the caller instead
        boolean interrupted = Thread.interrupted();
        Round mine;
        synchronized (this) {
            mine = next;
        }
        try {
            while (true) {
                Round leading;
                synchronized (this) {
                    while (!mine.done && syncing) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // the rename is done: the caller must learn whether it is durable, not give up on it
                            interrupted = true;
                        }
                    }
                    if (mine.done) {
                        break;
                    }
                    // nothing runs and mine is not done, so mine is the round not yet started: lead it
                    leading = next;
                    next = new Round();
                    syncing = true;
                }
                IOException failure = null;
                try {
                    fileSystem.syncDirectory(directory);
                } catch (IOException e) {
                    failure = e;
                } catch (RuntimeException | Error e) {
                    failure = new IOException("directory sync failed: " + e, e);
                }
                synchronized (this) {
                    leading.done = true;
                    leading.failure = failure;
                    syncing = false;
                    notifyAll();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw new IOException("fsync of " + directory + " failed", mine.failure);
        }
    }

    private static final class Round {
        boolean done;
        IOException failure;
    }
}
