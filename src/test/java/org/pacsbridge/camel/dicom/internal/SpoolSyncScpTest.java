package org.pacsbridge.camel.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.camel.dicom.DuplicatePolicy;
import org.pacsbridge.camel.dicom.SpoolSync;
import org.pacsbridge.camel.dicom.internal.DurabilityRecording.Event;
import org.pacsbridge.camel.dicom.internal.DurabilityRecording.Kind;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.RoutingAttributes;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.DicomServer;
import org.pacsbridge.dicom.net.DicomServerConfig;
import org.pacsbridge.testing.Dcmtk;
import org.pacsbridge.testing.DicomFiles;

/**
 * The spool's sync modes over real associations (dcmtk storescu, several at once): a directory fsync that
 * fails is answered with a failure status on every association waiting for it, never success, and the SCP
 * goes on; with {@link SpoolSync#NONE} objects are stored whole without a single fsync.
 */
class SpoolSyncScpTest {

    private static final String AE = "BRIDGE";

    @TempDir
    Path dir;

    private DicomServer server;
    private final AtomicInteger accession = new AtomicInteger();

    @BeforeEach
    void dcmtk() {
        assumeTrue(Dcmtk.available(), "dcmtk (storescu) is not installed");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFailedDirectorySyncIsAnsweredWithAFailureOnEveryAssociationAndLaterObjectsAreStored() throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger failedSyncs = new AtomicInteger();
        SpoolFileSystem recorded = recording.fileSystem();
        start(recording, new ForwardingSpoolFileSystem(recorded) {
            @Override
            public void syncDirectory(Path directory) throws IOException {
                if (failing.get()) {
                    failedSyncs.incrementAndGet();
                    throw new IOException("EIO");
                }
                super.syncDirectory(directory);
            }
        }, SpoolSync.PER_OBJECT);

        List<List<String>> refused = sendConcurrently(3, 2);
        for (List<String> statuses : refused) {
            assertFalse(statuses.contains("Success"), statuses.toString());
            assertEquals("Refused: OutOfResources", statuses.get(0), statuses.toString());
        }
        assertTrue(failedSyncs.get() >= 1);

        failing.set(false);
        for (List<String> statuses : sendConcurrently(3, 2)) {
            assertEquals(Collections.nCopies(2, "Success"), statuses);
        }
        List<Event> events = recording.events();
        assertEquals(6, DurabilityOrder.acknowledged(events));
        assertEquals(List.of(), DurabilityOrder.violations(events));
    }

    @Test
    void withSyncNoneEveryObjectIsStoredWholeAndNothingIsFsynced() throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        start(recording, recording.fileSystem(), SpoolSync.NONE);

        List<Path> sent = new ArrayList<>();
        for (List<String> statuses : sendConcurrently(2, 3, sent)) {
            assertEquals(Collections.nCopies(3, "Success"), statuses);
        }

        List<Event> events = recording.events();
        assertEquals(6, DurabilityOrder.acknowledged(events));
        assertEquals(0, events.stream().filter(e -> e.kind() == Kind.SYNC_FILE || e.kind() == Kind.SYNC_DIR_START
                || e.kind() == Kind.SYNC_DIR).count(), "no fsync at all");
        Path objects = dir.resolve("spool").resolve("objects");
        for (Path file : sent) {
            String uid = sopInstanceUid(file);
            Path stored = objects.resolve(uid + Spool.OBJECT_SUFFIX);
            assertEquals(uid, sopInstanceUid(stored));
            assertArrayEquals(DicomFiles.dataSet(file), DicomFiles.dataSet(stored));
        }
        try (var incoming = Files.list(dir.resolve("spool").resolve("incoming"))) {
            assertEquals(0, incoming.count(), "nothing left half-way");
        }
    }

    private List<List<String>> sendConcurrently(int associations, int perAssociation) throws Exception {
        return sendConcurrently(associations, perAssociation, new ArrayList<>());
    }

    /** Sends {@code perAssociation} new chest images on each of {@code associations} concurrent storescu runs. */
    private List<List<String>> sendConcurrently(int associations, int perAssociation, List<Path> sent) throws Exception {
        List<CompletableFuture<List<String>>> runs = new ArrayList<>();
        for (int a = 0; a < associations; a++) {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < perAssociation; i++) {
                files.add(DicomFiles.chestRadiograph(dir, DicomFiles.newUid(), "ACC" + accession.incrementAndGet(), 64, 64));
            }
            sent.addAll(files);
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    Dcmtk.Result result = Dcmtk.storescu(AE, server.localPort(), List.of("-v", "-nh"),
                            files.toArray(Path[]::new));
                    return Dcmtk.storeStatuses(result.output(), perAssociation);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<List<String>> statuses = new ArrayList<>();
        for (CompletableFuture<List<String>> run : runs) {
            statuses.add(run.get());
        }
        return statuses;
    }

    private void start(DurabilityRecording recording, SpoolFileSystem fileSystem, SpoolSync sync) throws Exception {
        Spool spool = new Spool(dir.resolve("spool"), 0, fileSystem, sync);
        SpoolingStoreHandler handler = new SpoolingStoreHandler(spool, DuplicatePolicy.REPLACE, stored -> { });
        DicomServerConfig config = DicomServerConfig.builder().bindHost("127.0.0.1").port(0).calledAeTitle(AE)
                .support(DicomFiles.CR_IMAGE_STORAGE, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .observer(recording.observer()).build();
        server = new DicomServer(config, recording.handler(handler));
        server.start();
    }

    private static String sopInstanceUid(Path part10) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(part10))) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            RoutingAttributes attributes = DataSetReader.read(in, TransferSyntax.ofAssumingEncapsulated(meta.transferSyntaxUid()));
            return attributes.sopInstanceUid();
        }
    }
}
