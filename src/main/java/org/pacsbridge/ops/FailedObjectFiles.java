package org.pacsbridge.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

import org.pacsbridge.dicom.net.LogSafe;

/**
 * The spool's {@code failed/} directory: where a DICOM object that failed for good is kept, and
 * the only way back to it. A dead letter names the object by its SOP Instance UID and the node
 * that keeps it, never by a path; {@link #resolve} turns that back into a file inside
 * {@code failed/} of this node, or says why it cannot.
 */
public final class FailedObjectFiles {

    /** PS3.5 9.1: digits and dots, at most 64 characters. */
    private static final Pattern UID = Pattern.compile("[0-9.]{1,64}");
    /** A dead letter's id: a random UUID, lower case. */
    private static final Pattern DEAD_LETTER_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String SUFFIX = ".dcm";

    private final Path dir;
    private final String node;

    public FailedObjectFiles(Path dir, String node) {
        this.dir = dir.toAbsolutePath().normalize();
        this.node = node;
    }

    /** The name this node goes by in dead letters: the pod name in Kubernetes (a StatefulSet's is stable). */
    public static String thisNode() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    public String node() {
        return node;
    }

    /** A new dead letter's id, for {@link #keep}. */
    public static String newDeadLetterId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Copies (and fsyncs) a spooled object into {@code failed/}. Its name is its UID and the id
     * of its dead letter; an object whose UID is malformed keeps the spool's own (safe) name and
     * cannot be replayed by UID.
     */
    public Path keep(Path spooled, String sopInstanceUid, String deadLetterId) throws IOException {
        if (!isDeadLetterId(deadLetterId)) {
            throw new IllegalArgumentException("not a dead-letter id");
        }
        Files.createDirectories(dir);
        String name = isUid(sopInstanceUid) ? sopInstanceUid + "." + deadLetterId + SUFFIX
                : spooled.getFileName().toString();
        Path kept = dir.resolve(name);
        Files.copy(spooled, kept, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(kept, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return kept;
    }

    /** Where the object of a dead letter without an id (an older record) is, or why it is not to be opened. */
    public Resolution resolve(Object sopInstanceUid, Object keptOn) {
        return resolve(sopInstanceUid, keptOn, null);
    }

    /** Where a dead letter's object is, or why it is not to be opened. */
    public Resolution resolve(Object sopInstanceUid, Object keptOn, Object deadLetterId) {
        if (keptOn != null && !node.equals(String.valueOf(keptOn))) {
            return Resolution.elsewhere("kept on node " + LogSafe.text(keptOn));
        }
        if (!(sopInstanceUid instanceof String uid) || !isUid(uid)) {
            return Resolution.parked("no valid SOP Instance UID");
        }
        String name;
        if (deadLetterId == null) {
            name = uid + SUFFIX;
        } else if (deadLetterId instanceof String id && isDeadLetterId(id)) {
            name = uid + "." + id + SUFFIX;
        } else {
            return Resolution.parked("no valid dead-letter id");
        }
        Path file = dir.resolve(name).normalize();
        if (!dir.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Resolution.parked("object " + uid + " is not in failed/");
        }
        return Resolution.found(file);
    }

    static boolean isDeadLetterId(String value) {
        return value != null && DEAD_LETTER_ID.matcher(value).matches();
    }

    static boolean isUid(String value) {
        return value != null && UID.matcher(value).matches();
    }

    /**
     * @param file   the object, when it is here
     * @param reason why it is not, otherwise
     * @param elsewhere whether another node keeps it (so its dead letter should wait for that node)
     */
    public record Resolution(Path file, String reason, boolean elsewhere) {
        static Resolution found(Path file) {
            return new Resolution(file, null, false);
        }

        static Resolution parked(String reason) {
            return new Resolution(null, reason, false);
        }

        static Resolution elsewhere(String reason) {
            return new Resolution(null, reason, true);
        }

        public boolean isFound() {
            return file != null;
        }
    }
}
