package org.pacsbridge.tcia;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.pacsbridge.tcia.TciaZipException.Kind;

/**
 * Unpacks a {@code getImage} archive as it arrives, writing its DICOM files into a directory.
 *
 * <p>An entry is DICOM when it starts with the 128-byte preamble and {@code DICM}; other entries
 * ({@code LICENSE}, {@code md5hashes.csv}) are read, counted and skipped. The archive is refused with
 * a {@link TciaZipException} of the matching kind when it has too many entries, expands to too many
 * bytes or by too high a ratio, names a path outside the directory, repeats a name, or ends before
 * its end-of-central-directory record (the server swallows errors mid-stream, so a short archive can
 * come with status 200). On refusal the files this call wrote are deleted again. An archive with no
 * entries at all is valid (TCIA answers some unknown series that way) and gives an empty result.
 *
 * <p>The input stream is read to its end but not closed. Thread-safe: no state between calls.
 */
public final class TciaZipUnpacker {

    /** Entries smaller than this are not ratio-checked: short texts compress well and harm nobody. */
    public static final long RATIO_CHECK_FLOOR = 1024 * 1024;

    private static final byte[] DICM = {'D', 'I', 'C', 'M'};
    private static final int PREAMBLE = 128;
    /** What the inflater may have buffered ahead of the count; keeps the ratio estimate on the safe side. */
    private static final int READ_AHEAD = 512;
    private static final long MAX_TRAILER_BYTES = 64L * 1024 * 1024;
    private static final int EOCD_SIGNATURE = 0x06054b50;

    private final TciaZipLimits limits;

    public TciaZipUnpacker(TciaZipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param zip       the archive, e.g. {@link TciaImageDownload#body()}
     * @param targetDir where the DICOM files go; created if missing
     * @throws TciaZipException for a refused archive
     * @throws IOException      when reading the stream or writing a file fails
     */
    public TciaUnpackResult unpack(InputStream zip, Path targetDir) throws IOException {
        Files.createDirectories(targetDir);
        Path target = targetDir.toRealPath();
        ZipTailStream raw = new ZipTailStream(zip);
        Unpacking run = new Unpacking(target, raw);
        try {
            run.entries();
            verifyEnd(raw, run.entryCount);
            return new TciaUnpackResult(run.written, run.skipped, run.totalBytes);
        } catch (IOException | RuntimeException e) {
            run.deleteWritten();
            throw translate(e);
        }
    }

    private static IOException translate(Exception e) {
        if (e instanceof TciaZipException z) {
            return z;
        }
        if (e instanceof EOFException) {
            return new TciaZipException(Kind.TRUNCATED, "ZIP archive ends inside an entry", e);
        }
        if (e instanceof ZipException) {
            return new TciaZipException(Kind.CORRUPT, "not a readable ZIP archive (" + e.getMessage() + ")", e);
        }
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof IllegalArgumentException) {
            // ZipInputStream reports some malformed headers (bad name encoding) this way
            return new TciaZipException(Kind.CORRUPT, "not a readable ZIP archive (" + e.getMessage() + ")", e);
        }
        throw (RuntimeException) e;
    }

    /** A streaming reader stops at the first non-entry header; the record at the very end proves the rest arrived. */
    private static void verifyEnd(ZipTailStream raw, int entryCount) throws IOException {
        byte[] buffer = new byte[8192];
        long start = raw.count();
        while (raw.read(buffer) >= 0) {
            if (raw.count() - start > MAX_TRAILER_BYTES) {
                throw new TciaZipException(Kind.CORRUPT, "more than " + MAX_TRAILER_BYTES
                        + " bytes after the last entry");
            }
        }
        byte[] tail = raw.tail();
        if (raw.count() == 0) {
            throw new TciaZipException(Kind.TRUNCATED, "empty answer instead of a ZIP archive");
        }
        for (int p = tail.length - 22; p >= 0; p--) {
            if (int32(tail, p) == EOCD_SIGNATURE && p + 22 + int16(tail, p + 20) == tail.length) {
                int listed = int16(tail, p + 10);
                if (listed != 0xFFFF && listed != entryCount) {
                    throw new TciaZipException(Kind.CORRUPT, "central directory lists " + listed
                            + " entries, the archive held " + entryCount);
                }
                return;
            }
        }
        throw new TciaZipException(Kind.TRUNCATED, "ZIP archive cut short after " + entryCount
                + " entries: no end-of-central-directory record");
    }

    private static int int16(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    private static int int32(byte[] b, int p) {
        return int16(b, p) | int16(b, p + 2) << 16;
    }

    /** The state of one unpack call. */
    private final class Unpacking {
        private final Path target;
        private final ZipTailStream raw;
        private final ZipInputStream zip;
        private final List<Path> written = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private final byte[] buffer = new byte[64 * 1024];
        private int entryCount;
        private long totalBytes;

        Unpacking(Path target, ZipTailStream raw) {
            this.target = target;
            this.raw = raw;
            this.zip = new ZipInputStream(raw);
        }

        void entries() throws IOException {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entryCount++;
                if (entryCount > limits.maxEntries()) {
                    throw new TciaZipException(Kind.TOO_MANY_ENTRIES, "more than " + limits.maxEntries()
                            + " entries in the ZIP archive");
                }
                Path destination = ZipEntryPaths.resolve(target, entry.getName());
                if (!entry.isDirectory()) {
                    entry(entry.getName(), destination);
                }
                zip.closeEntry();
            }
        }

        private void entry(String name, Path destination) throws IOException {
            EntryBudget budget = new EntryBudget(ZipEntryPaths.printable(name), raw.count());
            byte[] head = zip.readNBytes(PREAMBLE + DICM.length);
            budget.add(head.length);
            if (!isDicom(head)) {
                drain(budget);
                skipped.add(ZipEntryPaths.printable(name));
                return;
            }
            Files.createDirectories(destination.getParent());
            OutputStream out;
            try {
                out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (FileAlreadyExistsException e) {
                throw new TciaZipException(Kind.DUPLICATE_ENTRY, "ZIP entry '" + budget.name
                        + "' exists already (a repeated name, or a file left in the target directory)", e);
            }
            written.add(destination);
            try (out) {
                out.write(head);
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    budget.add(n);
                    out.write(buffer, 0, n);
                }
            }
        }

        private void drain(EntryBudget budget) throws IOException {
            int n;
            while ((n = zip.read(buffer)) > 0) {
                budget.add(n);
            }
        }

        void deleteWritten() {
            for (Path file : written) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // best effort: the refusal is what the caller needs to hear about
                }
            }
        }

        /** Counts one entry's bytes against the limits as they are inflated. */
        private final class EntryBudget {
            private final String name;
            private final long rawStart;
            private long bytes;

            EntryBudget(String name, long rawStart) {
                this.name = name;
                this.rawStart = rawStart;
            }

            void add(int n) throws TciaZipException {
                bytes += n;
                totalBytes += n;
                if (totalBytes > limits.maxTotalBytes()) {
                    throw new TciaZipException(Kind.TOO_LARGE, "ZIP archive expands to more than "
                            + limits.maxTotalBytes() + " bytes (at entry '" + name + "')");
                }
                if (bytes >= RATIO_CHECK_FLOOR) {
                    long compressed = Math.max(1, raw.count() - rawStart + READ_AHEAD);
                    if (bytes / compressed > limits.maxCompressionRatio()) {
                        throw new TciaZipException(Kind.COMPRESSION_RATIO, "ZIP entry '" + name + "' expands more than "
                                + limits.maxCompressionRatio() + " times its compressed size");
                    }
                }
            }
        }
    }

    private static boolean isDicom(byte[] head) {
        if (head.length < PREAMBLE + DICM.length) {
            return false;
        }
        for (int i = 0; i < DICM.length; i++) {
            if (head[PREAMBLE + i] != DICM[i]) {
                return false;
            }
        }
        return true;
    }
}
