package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.pacsbridge.dicom.UID;

/**
 * The reference images on disk: one directory per series, named by its Series Instance UID, holding
 * the DICOM files of its {@code getImage} archive. A series is unpacked under {@code .incoming/} and
 * moved into place whole, so a directory named by a UID is always complete. Beside each image that
 * went through X-Raydar (or was found not to be a chest radiograph) lies an empty
 * {@code <file>.published} marker, so it is not sent again once the shared record of sent images
 * has expired.
 */
final class ReferenceImageStore {

    private static final String INCOMING = ".incoming";
    private static final String MARKER = ".published";

    private final Path root;

    ReferenceImageStore(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    boolean has(String seriesInstanceUid) {
        return Files.isDirectory(seriesDir(seriesInstanceUid));
    }

    /** The series' DICOM files, in name order. */
    List<Path> images(String seriesInstanceUid) throws IOException {
        try (Stream<Path> files = Files.walk(seriesDir(seriesInstanceUid))) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(MARKER))
                    .sorted().toList();
        }
    }

    /** Bytes held by complete series. */
    long usedBytes() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> series = Files.list(root)) {
            for (Path dir : series.filter(ReferenceImageStore::isSeriesDir).toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    total += files.filter(Files::isRegularFile).mapToLong(ReferenceImageStore::size).sum();
                }
            }
        }
        return total;
    }

    /** A fresh, empty directory to unpack one series into; {@link #place} or {@link #discard} it afterwards. */
    Path incoming(String seriesInstanceUid) throws IOException {
        Path incoming = Files.createDirectories(root.resolve(INCOMING));
        return Files.createTempDirectory(incoming, checked(seriesInstanceUid) + "-");
    }

    /** Moves an unpacked series into place. */
    void place(String seriesInstanceUid, Path unpacked) throws IOException {
        Path target = seriesDir(seriesInstanceUid);
        try {
            Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(unpacked, target);
        }
    }

    void discard(Path unpacked) {
        delete(unpacked);
    }

    /** Deletes series no longer in the catalogue and unpacking left over from an interrupted run; returns how many series went. */
    int keepOnly(Set<String> seriesInstanceUids) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        delete(root.resolve(INCOMING));
        int removed = 0;
        try (Stream<Path> series = Files.list(root)) {
            for (Path dir : series.filter(ReferenceImageStore::isSeriesDir).toList()) {
                if (!seriesInstanceUids.contains(dir.getFileName().toString())) {
                    delete(dir);
                    removed++;
                }
            }
        }
        return removed;
    }

    boolean isPublished(Path image) {
        return Files.exists(marker(image));
    }

    void markPublished(Path image) throws IOException {
        if (!isPublished(image)) {
            Files.createFile(marker(image));
        }
    }

    private Path seriesDir(String seriesInstanceUid) {
        return root.resolve(checked(seriesInstanceUid));
    }

    private static Path marker(Path image) {
        return image.resolveSibling(image.getFileName() + MARKER);
    }

    /** The UID names a directory: only a valid UID (digits and dots) may. */
    private static String checked(String seriesInstanceUid) {
        if (!UID.isValid(seriesInstanceUid)) {
            throw new IllegalArgumentException("not a valid Series Instance UID: " + seriesInstanceUid);
        }
        return seriesInstanceUid;
    }

    private static boolean isSeriesDir(Path dir) {
        return Files.isDirectory(dir) && UID.isValid(dir.getFileName().toString());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
