package org.pacsbridge.camel.dicom.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.SpoolSync;

/**
 * The durable spool of received DICOM objects.
 *
 * <pre>
 * spool/incoming/   objects being received (deleted if the association breaks; cleared at start)
 * spool/objects/    acknowledged objects without a recorded outcome: {uid}.dcm + {uid}.properties
 * </pre>
 *
 * An object is moved into {@code objects/} only after its bytes are fsynced, by an atomic rename
 * followed by an fsync of the directory; only then may the sender be told "success". Renames of
 * objects completed at the same time on several associations share one directory fsync
 * ({@link GroupDirectorySync}). With {@link SpoolSync#NONE} nothing is fsynced: the rename alone
 * makes an object visible whole. Removing it (after its outcome is durable) is the only way out.
 */
public final class Spool {

    private static final Logger LOG = Logger.getLogger(Spool.class);
    private static final Pattern SAFE_UID = Pattern.compile("[0-9.]{1,64}");
    static final String OBJECT_SUFFIX = ".dcm";
    static final String FACTS_SUFFIX = ".properties";
    /** Facts key: the unique name this copy had while it was received. */
    public static final String SPOOL_ID = "spoolId";

    private final Path incoming;
    private final Path objects;
    private final long minFreeSpace;
    private final SpoolFileSystem fileSystem;
    private final SpoolSync sync;
    private final GroupDirectorySync objectsSync;
    /** Looked up once: {@link Files#getFileStore} reads the mount table on every call. */
    private final FileStore store;
    /**
     * A commit's renames exclude {@link #remove} of the same object only; one lock per UID's stripe, so that the
     * worker removing one object never holds up the association committing the next.
     */
    private final Object[] renameLocks = new Object[64];

    public Spool(Path root, long minFreeSpace, SpoolSync sync) throws IOException {
        this(root, minFreeSpace, SpoolFileSystem.LOCAL, sync);
    }

    public Spool(Path root, long minFreeSpace, SpoolFileSystem fileSystem, SpoolSync sync) throws IOException {
        this.fileSystem = fileSystem;
        this.sync = sync;
        this.incoming = Files.createDirectories(root.resolve("incoming"));
        this.objects = Files.createDirectories(root.resolve("objects"));
        this.objectsSync = new GroupDirectorySync(objects, fileSystem);
        this.store = Files.getFileStore(objects);
        for (int i = 0; i < renameLocks.length; i++) {
            renameLocks[i] = new Object();
        }
        this.minFreeSpace = minFreeSpace;
        clearIncoming();
    }

    public SpoolSync sync() {
        return sync;
    }

    public Path objectsDir() {
        return objects;
    }

    /** Whether the spool's file system has less free space than the configured watermark. */
    public boolean belowWatermark() throws IOException {
        return usableSpace() < minFreeSpace;
    }

    /** Usable bytes on the spool's file system. */
    public long usableSpace() throws IOException {
        return store.getUsableSpace();
    }

    /** A new file in {@code incoming/} for an object being received. */
    public Path newIncomingFile() {
        return incoming.resolve(UUID.randomUUID() + ".part");
    }

    /** Opens a file of {@code incoming/} for writing. */
    SpoolOutput open(Path incomingFile) throws IOException {
        return fileSystem.create(incomingFile);
    }

    /** Forces a received file's bytes to disk, before its {@link #commit}; nothing with {@link SpoolSync#NONE}. */
    void force(SpoolOutput received) throws IOException {
        if (sync == SpoolSync.PER_OBJECT) {
            received.sync();
        }
    }

    /**
     * Returns once every rename into {@code objects/} made before this call is on disk (at once with
     * {@link SpoolSync#NONE}): an object found already spooled is durable before a duplicate of it is
     * acknowledged.
     */
    void awaitDurable() throws IOException {
        if (sync == SpoolSync.PER_OBJECT) {
            objectsSync.awaitSync();
        }
    }

    public SpooledObject target(String sopInstanceUid) {
        String name = fileName(sopInstanceUid);
        return new SpooledObject(objects.resolve(name + OBJECT_SUFFIX), objects.resolve(name + FACTS_SUFFIX),
                sopInstanceUid);
    }

    public boolean contains(String sopInstanceUid) {
        return Files.exists(target(sopInstanceUid).file());
    }

    /**
     * Makes a received object durable: writes its facts, renames both files into {@code objects/}
     * and waits for an fsync of the directory that started after the renames. The caller has
     * {@linkplain #force forced} {@code receivedFile}.
     */
    public SpooledObject commit(Path receivedFile, String sopInstanceUid, Properties facts) throws IOException {
        SpooledObject target = target(sopInstanceUid);
        facts.setProperty(SPOOL_ID, receivedFile.getFileName().toString());
        Path factsTemp = incoming.resolve(receivedFile.getFileName() + FACTS_SUFFIX);
        try (OutputStream out = fileSystem.create(factsTemp)) {
            facts.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null);
        }
        // The facts are not fsynced on their own: they only describe the association (calling AE,
        // address, time). After a crash they may be missing or empty; the object, which is
        // fsynced, is what must survive. One fsync fewer per object.
        synchronized (renameLock(target)) {
            // the renames exclude remove(): it reads the facts to tell a replacing copy from its own
            fileSystem.atomicMove(factsTemp, target.facts());
            fileSystem.atomicMove(receivedFile, target.file());
        }
        awaitDurable();
        return target;
    }

    /**
     * Removes an object whose outcome is durable — unless a newer copy with the same SOP Instance
     * UID has replaced it meanwhile (its facts carry another spool id); that copy stays to be
     * processed.
     *
     * @return whether the object was removed
     */
    public boolean remove(SpooledObject object, String spoolId) throws IOException {
        synchronized (renameLock(object)) {
            String current = readFacts(object).getProperty(SPOOL_ID);
            if (current != null && !current.equals(spoolId)) {
                return false;
            }
            // no directory fsync: if a crash undoes the removal, the object is processed once more,
            // which every later step tolerates (sends are idempotent per SOP Instance UID)
            Files.deleteIfExists(object.file());
            Files.deleteIfExists(object.facts());
            return true;
        }
    }

    private Object renameLock(SpooledObject object) {
        return renameLocks[Math.floorMod(object.file().getFileName().hashCode(), renameLocks.length)];
    }

    /** The objects acknowledged earlier whose outcome was never recorded, oldest first. */
    public List<SpooledObject> pending() throws IOException {
        try (Stream<Path> files = Files.list(objects)) {
            return files.filter(p -> p.getFileName().toString().endsWith(OBJECT_SUFFIX))
                    .sorted((a, b) -> Long.compare(lastModified(a), lastModified(b)))
                    .map(this::fromFile)
                    .toList();
        }
    }

    /** The facts beside an object; empty when they were lost (see {@link #commit}). */
    public Properties readFacts(SpooledObject object) throws IOException {
        Properties facts = new Properties();
        if (Files.exists(object.facts())) {
            try (var reader = Files.newBufferedReader(object.facts(), StandardCharsets.UTF_8)) {
                facts.load(reader);
            } catch (IllegalArgumentException malformed) {
                LOG.warnf("Facts of %s are unreadable; processing it without them", object.file().getFileName());
                return new Properties();
            }
        }
        return facts;
    }

    private SpooledObject fromFile(Path file) {
        String name = file.getFileName().toString();
        String base = name.substring(0, name.length() - OBJECT_SUFFIX.length());
        return new SpooledObject(file, objects.resolve(base + FACTS_SUFFIX), null);
    }

    private void clearIncoming() throws IOException {
        try (Stream<Path> files = Files.list(incoming)) {
            for (Path file : files.toList()) {
                // never acknowledged: the sender was not told success and will send again
                Files.deleteIfExists(file);
                LOG.debugf("Removed unacknowledged partial object %s", file.getFileName());
            }
        }
    }

    /** UIDs are digits and dots; anything else (a malformed UID) is hashed into a safe name. */
    static String fileName(String sopInstanceUid) {
        if (sopInstanceUid != null && SAFE_UID.matcher(sopInstanceUid).matches()) {
            return sopInstanceUid;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(sopInstanceUid).getBytes(StandardCharsets.UTF_8));
            return "x" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
