package org.pacsbridge.camel.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.camel.dicom.DuplicatePolicy;
import org.pacsbridge.camel.dicom.SpoolSync;
import org.pacsbridge.camel.dicom.internal.DurabilityRecording.Event;
import org.pacsbridge.camel.dicom.internal.DurabilityRecording.Kind;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.AssociationInfo;
import org.pacsbridge.dicom.net.DataSetSink;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.StoreRequest;

/**
 * Group commit of the spool directory, on real files: many threads committing at once each return only after
 * a directory fsync that started after their rename, and fewer fsyncs than commits run; a failed fsync fails
 * every commit waiting for it, and the commits after it work. A commit is recorded as a BEGIN and, once
 * {@link Spool#commit} has returned, a RESPONSE with success, so that {@link DurabilityOrder} checks it as it
 * checks a C-STORE.
 */
class SpoolGroupCommitTest {

    private static final int THREADS = 12;
    private static final int COMMITS_PER_THREAD = 6;
    private static final byte[] BYTES = new byte[8192];

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    private final AtomicInteger uids = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void concurrentCommitsShareDirectorySyncsThatStartedAfterTheirRenames() throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        // a directory fsync as slow as on a loaded disk, so that commits arrive while one runs
        Spool spool = new Spool(dir, 0, slowDirectorySyncs(recording.fileSystem()), SpoolSync.PER_OBJECT);

        List<Future<?>> runs = new ArrayList<>();
        CyclicBarrier together = new CyclicBarrier(THREADS);
        for (int t = 0; t < THREADS; t++) {
            runs.add(threads.submit(() -> {
                together.await();
                for (int i = 0; i < COMMITS_PER_THREAD; i++) {
                    String uid = nextUid();
                    recording.record(Kind.BEGIN, null, null, uid, -1);
                    commit(spool, uid);
                    recording.record(Kind.RESPONSE, null, null, null, DimseStatus.SUCCESS);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get(60, TimeUnit.SECONDS);
        }

        List<Event> events = recording.events();
        int commits = THREADS * COMMITS_PER_THREAD;
        assertEquals(commits, DurabilityOrder.acknowledged(events));
        assertEquals(List.of(), DurabilityOrder.violations(events));
        long syncs = count(events, Kind.SYNC_DIR);
        assertTrue(syncs < commits / 2, syncs + " directory fsyncs for " + commits + " concurrent commits");
        assertEquals(commits, count(events, Kind.SYNC_FILE), "every file is still fsynced on its own");
        assertSyncsNeverOverlap(events);
        assertEquals(commits, objectFiles(spool));
    }

    @Test
    void aFailedDirectorySyncFailsEveryCommitWaitingForItAndLaterCommitsSucceed() throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger objectRenames = new AtomicInteger();
        SpoolFileSystem recorded = recording.fileSystem();
        SpoolFileSystem fileSystem = new ForwardingSpoolFileSystem(recorded) {
            private boolean first = true;

            @Override
            public void atomicMove(Path from, Path to) throws IOException {
                super.atomicMove(from, to);
                if (to.toString().endsWith(Spool.OBJECT_SUFFIX)) {
                    objectRenames.incrementAndGet();
                }
            }

            @Override
            public void syncDirectory(Path directory) throws IOException {
                super.syncDirectory(directory);
                if (first) {
                    // the first fsync lasts until every thread has renamed its object: they wait together
                    first = false;
                    awaitCount(objectRenames, THREADS);
                }
                if (failing.get()) {
                    throw new IOException("EIO");
                }
            }
        };
        Spool spool = new Spool(dir, 0, fileSystem, SpoolSync.PER_OBJECT);

        List<Future<IOException>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            runs.add(threads.submit(() -> assertThrows(IOException.class, () -> commit(spool, nextUid()))));
        }
        for (Future<IOException> run : runs) {
            IOException e = run.get(60, TimeUnit.SECONDS);
            assertTrue(String.valueOf(e.getCause()).contains("EIO"), String.valueOf(e));
        }
        long failedSyncs = count(recording.events(), Kind.SYNC_DIR);
        assertTrue(failedSyncs < THREADS, failedSyncs + " failed fsyncs failed all " + THREADS + " commits");

        failing.set(false);
        List<Future<?>> later = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            later.add(threads.submit(() -> commit(spool, nextUid())));
        }
        for (Future<?> run : later) {
            run.get(60, TimeUnit.SECONDS);
        }
        assertEquals(2 * THREADS, objectFiles(spool), "the failed commits' renames are done, their fsync was not");
    }

    /**
     * With the duplicate policy IGNORE, a resend of an object already in {@code objects/} is answered success
     * without being written; that copy's rename may not be on disk yet (its own commit still waiting for the
     * directory fsync), so the answer waits for a directory fsync that started after the duplicate arrived.
     */
    @Test
    void anIgnoredDuplicateIsAcknowledgedOnlyAfterADirectorySync() throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        Spool spool = new Spool(dir, 0, recording.fileSystem(), SpoolSync.PER_OBJECT);
        String uid = nextUid();
        commit(spool, uid);
        SpoolingStoreHandler handler = new SpoolingStoreHandler(spool, DuplicatePolicy.IGNORE, stored -> { });

        DataSetSink duplicate = handler.begin(new StoreRequest(new AssociationInfo("MODALITY", "BRIDGE",
                new InetSocketAddress("127.0.0.1", 104), "1.2.3", "TEST"), 1, UID.ExplicitVRLittleEndian,
                "1.2.840.10008.5.1.4.1.1.1", uid, 2, null));
        long began = recording.events().size();
        duplicate.write(BYTES, 0, BYTES.length);
        assertEquals(DimseStatus.SUCCESS, duplicate.complete());

        List<Event> after = recording.events().subList((int) began, recording.events().size());
        assertEquals(List.of(Kind.SYNC_DIR_START, Kind.SYNC_DIR), after.stream().map(Event::kind).toList(),
                "nothing written for the duplicate, one directory fsync before its answer");
    }

    @Test
    void anInterruptedCommitterStillSyncsTheDirectoryAndKeepsItsInterrupt() throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        Spool spool = new Spool(dir, 0, recording.fileSystem(), SpoolSync.PER_OBJECT);

        Thread.currentThread().interrupt();
        try {
            commit(spool, nextUid());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, count(recording.events(), Kind.SYNC_DIR));
    }

    @Test
    void withSyncNoneNothingIsForcedAndTheObjectIsInPlace() throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        Spool spool = new Spool(dir, 0, recording.fileSystem(), SpoolSync.NONE);

        SpooledObject stored = commit(spool, "1.2.3.4");

        assertEquals(0, count(recording.events(), Kind.SYNC_FILE) + count(recording.events(), Kind.SYNC_DIR_START));
        assertEquals(2, count(recording.events(), Kind.MOVE), "object and facts renamed into place");
        assertEquals(BYTES.length, Files.size(stored.file()));
    }

    /** Writes, forces and commits one object as the SCP does. */
    private static SpooledObject commit(Spool spool, String uid) throws IOException {
        Path file = spool.newIncomingFile();
        try (SpoolOutput out = spool.open(file)) {
            out.write(BYTES, 0, BYTES.length);
            spool.force(out);
        }
        Properties facts = new Properties();
        facts.setProperty("sopInstanceUid", uid);
        return spool.commit(file, uid, facts);
    }

    private String nextUid() {
        return "1.2.826.0.1." + uids.incrementAndGet();
    }

    /** Directory fsyncs that take 20 ms longer than the disk needs. */
    private static SpoolFileSystem slowDirectorySyncs(SpoolFileSystem real) {
        return new ForwardingSpoolFileSystem(real) {
            @Override
            public void syncDirectory(Path directory) throws IOException {
                super.syncDirectory(directory);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        };
    }

    private static void awaitCount(AtomicInteger counter, int target) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + counter.get() + " of " + target + " renames");
            }
            Thread.onSpinWait();
        }
    }

    /** Each directory fsync ends before the next one starts: one thread syncs for all waiters at a time. */
    private static void assertSyncsNeverOverlap(List<Event> events) {
        boolean running = false;
        for (Event e : events) {
            if (e.kind() == Kind.SYNC_DIR_START) {
                assertTrue(!running, "a directory fsync started while another ran: event " + e.seq());
                running = true;
            } else if (e.kind() == Kind.SYNC_DIR) {
                running = false;
            }
        }
    }

    private static long count(List<Event> events, Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    private static long objectFiles(Spool spool) throws IOException {
        try (var files = Files.list(spool.objectsDir())) {
            return files.filter(p -> p.toString().endsWith(Spool.OBJECT_SUFFIX)).count();
        }
    }
}
