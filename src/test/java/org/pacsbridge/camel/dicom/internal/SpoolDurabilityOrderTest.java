package org.pacsbridge.camel.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacsbridge.camel.dicom.DuplicatePolicy;
import org.pacsbridge.camel.dicom.SpoolSync;
import org.pacsbridge.camel.dicom.internal.DurabilityRecording.Event;
import org.pacsbridge.camel.dicom.internal.DurabilityRecording.Kind;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.DicomServer;
import org.pacsbridge.dicom.net.DicomServerConfig;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.testing.DicomFiles;
import org.pacsbridge.testing.Dcmtk;

/**
 * The spool's durability promise, observed: over real associations (dcmtk storescu, several at once) every
 * object acknowledged with success was written, fsynced, renamed into {@code objects/} and its directory
 * fsynced before the C-STORE-RSP left. Killing the process would not test this (the page cache survives a
 * kill), so the order of the file-system calls is recorded instead; and the same check is shown to fail on
 * spools whose file system leaves out either fsync.
 */
class SpoolDurabilityOrderTest {

    private static final String AE = "BRIDGE";
    private DicomServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyAcknowledgedObjectIsForcedRenamedAndItsDirectoryForcedBeforeTheResponse(@TempDir Path dir) throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        Path spoolRoot = dir.resolve("spool");
        List<Path> sent = send(recording, recording.fileSystem(), spoolRoot, dir, 3, 10);

        List<Event> events = recording.events();
        assertEquals(30, DurabilityOrder.acknowledged(events), "every object was acknowledged");
        assertEquals(List.of(), DurabilityOrder.violations(events));
        assertEquals(30, count(events, Kind.SYNC_FILE), "one file fsync per object");
        assertTrue(count(events, Kind.SYNC_DIR) <= 30, "at most one directory fsync per object");
        try (Stream<Path> objects = Files.list(spoolRoot.resolve("objects"))) {
            assertEquals(sent.size(), objects.filter(p -> p.toString().endsWith(".dcm")).count());
        }
    }

    @Test
    void theCheckFailsWhenTheObjectIsNotFsynced(@TempDir Path dir) throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        send(recording, recording.fileSystem(false, true), dir.resolve("spool"), dir, 2, 3);

        List<String> violations = DurabilityOrder.violations(recording.events());
        assertEquals(6, violations.size(), String.join("\n", violations));
        assertTrue(violations.stream().allMatch(v -> v.endsWith("file not forced after its last write")), violations::toString);
    }

    @Test
    void theCheckFailsWhenTheDirectoryIsNotFsynced(@TempDir Path dir) throws Exception {
        DurabilityRecording recording = new DurabilityRecording();
        send(recording, recording.fileSystem(true, false), dir.resolve("spool"), dir, 2, 3);

        List<String> violations = DurabilityOrder.violations(recording.events());
        assertEquals(6, violations.size(), String.join("\n", violations));
        assertTrue(violations.stream().allMatch(v -> v.endsWith("directory not forced between the rename and the response")),
                violations::toString);
    }

    /** Recordings built by hand: each ordering mistake the spool could make is reported. */
    @Test
    void theCheckReportsEveryMisorderedStep() {
        Path incoming = Path.of("/spool/incoming/a.part");
        Path objects = Path.of("/spool/objects");
        Path target = objects.resolve("1.2.3.dcm");
        List<Step> good = List.of(new Step(Kind.BEGIN, null), new Step(Kind.CREATE, incoming),
                new Step(Kind.WRITE, incoming), new Step(Kind.WRITE, incoming), new Step(Kind.SYNC_FILE, incoming),
                new Step(Kind.MOVE, incoming), new Step(Kind.SYNC_DIR_START, objects), new Step(Kind.SYNC_DIR, objects),
                new Step(Kind.RESPONSE, null));
        assertEquals(List.of(), DurabilityOrder.violations(recording(good, target)));

        assertViolation("file not forced after its last write", swap(good, 3, 4), target);
        assertViolation("not renamed after its file was forced", swap(good, 4, 5), target);
        // a directory fsync that was already running when the object was renamed, though it ends after it
        assertViolation("directory not forced between the rename and the response", swap(good, 5, 6), target);
        assertViolation("directory not forced between the rename and the response", swap(good, 7, 8), target);
        assertViolation("acknowledged without a file written", List.of(good.get(0), good.get(8)), target);
        assertViolation("renamed to /spool/incoming/1.2.3.dcm, not into objects/", good,
                incoming.resolveSibling("1.2.3.dcm"));
    }

    private record Step(Kind kind, Path path) {
    }

    private static void assertViolation(String expected, List<Step> steps, Path target) {
        assertEquals(List.of("1.2.3: " + expected), DurabilityOrder.violations(recording(steps, target)));
    }

    private static List<Event> recording(List<Step> steps, Path target) {
        List<Event> events = new ArrayList<>();
        for (Step s : steps) {
            events.add(new Event(events.size(), "association-1", s.kind(), s.path(), s.kind() == Kind.MOVE ? target : null,
                    s.kind() == Kind.BEGIN ? "1.2.3" : null, s.kind() == Kind.RESPONSE ? DimseStatus.SUCCESS : -1));
        }
        return events;
    }

    private static List<Step> swap(List<Step> steps, int i, int j) {
        List<Step> swapped = new ArrayList<>(steps);
        swapped.set(i, steps.get(j));
        swapped.set(j, steps.get(i));
        return swapped;
    }

    /** Sends {@code perAssociation} chest images on each of {@code associations} concurrent storescu runs. */
    private List<Path> send(DurabilityRecording recording, SpoolFileSystem fileSystem, Path spoolRoot, Path dir,
            int associations, int perAssociation) throws Exception {
        assumeTrue(Dcmtk.available(), "dcmtk (storescu) is not installed");
        start(recording, fileSystem, spoolRoot);
        List<Path> all = new ArrayList<>();
        List<CompletableFuture<Dcmtk.Result>> runs = new ArrayList<>();
        for (int a = 0; a < associations; a++) {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < perAssociation; i++) {
                // one large object per association: written in many chunks, free space checked on the way
                int size = i == 0 ? 1024 : 64;
                files.add(DicomFiles.chestRadiograph(dir, DicomFiles.newUid(), "ACC" + a, size, size));
            }
            all.addAll(files);
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Dcmtk.storescu(AE, server.localPort(), List.of("-v", "-nh"), files.toArray(Path[]::new));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Dcmtk.Result> run : runs) {
            Dcmtk.Result result = run.get();
            assertEquals(java.util.Collections.nCopies(perAssociation, "Success"),
                    Dcmtk.storeStatuses(result.output(), perAssociation), result.output());
        }
        return all;
    }

    private void start(DurabilityRecording recording, SpoolFileSystem fileSystem, Path spoolRoot) throws Exception {
        Spool spool = new Spool(spoolRoot, 0, fileSystem, SpoolSync.PER_OBJECT);
        SpoolingStoreHandler handler = new SpoolingStoreHandler(spool, DuplicatePolicy.REPLACE, stored -> { });
        DicomServerConfig config = DicomServerConfig.builder().bindHost("127.0.0.1").port(0).calledAeTitle(AE)
                .support(DicomFiles.CR_IMAGE_STORAGE, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .observer(recording.observer()).build();
        server = new DicomServer(config, recording.handler(handler));
        server.start();
    }

    private static long count(List<Event> events, Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }
}
