package org.pacsbridge.camel.dicom.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.pacsbridge.camel.dicom.internal.DurabilityRecording.Event;
import org.pacsbridge.camel.dicom.internal.DurabilityRecording.Kind;
import org.pacsbridge.dicom.net.DimseStatus;

/**
 * Checks a recording against the spool's promise, for every C-STORE answered with success: all its bytes
 * written, then the file forced, then renamed into {@code objects/}, then that directory forced, and only
 * then the response. A C-STORE is the events of one association thread from its BEGIN to its RESPONSE;
 * its object file is the first file it created. A directory fsync on another thread counts (it makes the
 * rename durable just as well), but only one that started after the rename: a sync already running when
 * the rename happened may have read the directory before it.
 */
final class DurabilityOrder {

    private DurabilityOrder() {
    }

    /** One line per broken promise, naming the SOP Instance UID; empty when every acknowledgement was earned. */
    static List<String> violations(List<Event> events) {
        List<String> violations = new ArrayList<>();
        Map<String, List<Event>> open = new LinkedHashMap<>();
        for (Event e : events) {
            if (e.kind() == Kind.BEGIN) {
                open.put(e.thread(), new ArrayList<>(List.of(e)));
            } else if (open.containsKey(e.thread())) {
                open.get(e.thread()).add(e);
                if (e.kind() == Kind.RESPONSE) {
                    check(open.remove(e.thread()), events).ifPresent(violations::add);
                }
            }
        }
        return violations;
    }

    /** The number of C-STORE responses with success in a recording. */
    static long acknowledged(List<Event> events) {
        return events.stream().filter(e -> e.kind() == Kind.RESPONSE && e.status() == DimseStatus.SUCCESS).count();
    }

    private static Optional<String> check(List<Event> store, List<Event> all) {
        String uid = store.get(0).uid();
        Event response = store.get(store.size() - 1);
        if (response.status() != DimseStatus.SUCCESS) {
            return Optional.empty();
        }
        Optional<Path> file = store.stream().filter(e -> e.kind() == Kind.CREATE).map(Event::path).findFirst();
        if (file.isEmpty()) {
            return Optional.of(uid + ": acknowledged without a file written");
        }
        Path f = file.get();
        long lastWrite = store.stream().filter(e -> e.kind() == Kind.WRITE && e.path().equals(f))
                .mapToLong(Event::seq).max().orElse(-1);
        if (lastWrite < 0) {
            return Optional.of(uid + ": acknowledged without a byte written");
        }
        Optional<Event> sync = first(store, lastWrite, e -> e.kind() == Kind.SYNC_FILE && e.path().equals(f));
        if (sync.isEmpty()) {
            return Optional.of(uid + ": file not forced after its last write");
        }
        Optional<Event> move = first(store, sync.get().seq(), e -> e.kind() == Kind.MOVE && e.path().equals(f));
        if (move.isEmpty()) {
            return Optional.of(uid + ": not renamed after its file was forced");
        }
        Path target = move.get().target();
        if (!target.getFileName().toString().equals(Spool.fileName(uid) + Spool.OBJECT_SUFFIX)
                || !target.getParent().getFileName().toString().equals("objects")) {
            return Optional.of(uid + ": renamed to " + target + ", not into objects/");
        }
        Optional<Event> dirSync = syncedAfter(all, move.get().seq(), target.getParent());
        if (dirSync.isEmpty() || dirSync.get().seq() > response.seq()) {
            return Optional.of(uid + ": directory not forced between the rename and the response");
        }
        return Optional.empty();
    }

    /** The end of the first fsync of {@code directory} that started after event {@code after}. */
    static Optional<Event> syncedAfter(List<Event> events, long after, Path directory) {
        Optional<Event> start = first(events, after, e -> e.kind() == Kind.SYNC_DIR_START && e.path().equals(directory));
        return start.flatMap(s -> first(events, s.seq(),
                e -> e.kind() == Kind.SYNC_DIR && e.path().equals(directory) && e.thread().equals(s.thread())));
    }

    private static Optional<Event> first(List<Event> events, long after, Predicate<Event> match) {
        return events.stream().filter(e -> e.seq() > after).filter(match).findFirst();
    }
}
