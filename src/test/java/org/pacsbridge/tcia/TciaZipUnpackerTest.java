package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacsbridge.tcia.TciaZipException.Kind;
import org.pacsbridge.tcia.TestZips.Entry;

/** The streaming unpacker against hostile and damaged archives built here with java.util.zip. */
class TciaZipUnpackerTest {

    private static final TciaZipLimits LIMITS = new TciaZipLimits(20, 64L * 1024 * 1024, 100);

    @TempDir
    Path dir;

    private final TciaZipUnpacker unpacker = new TciaZipUnpacker(LIMITS);

    private TciaUnpackResult unpack(byte[] zip) throws IOException {
        return unpacker.unpack(new ByteArrayInputStream(zip), dir);
    }

    private TciaZipException refused(byte[] zip) {
        return assertThrows(TciaZipException.class, () -> unpack(zip));
    }

    @Test
    void writesDicomEntriesAndCountsTheOthers() throws IOException {
        byte[] first = TestZips.dicom("first", 10_000);
        byte[] second = TestZips.dicom("second", 20_000);
        TciaUnpackResult result = unpack(TestZips.zip(List.of(
                Entry.deflated("LICENSE", TestZips.text("CC BY 4.0")),
                Entry.deflated("00000001.dcm", first),
                Entry.stored("00000002.dcm", second),
                Entry.deflated("md5hashes.csv", TestZips.text("Filename,MD5Hash\n")))));
        assertEquals(List.of(dir.toRealPath().resolve("00000001.dcm"), dir.toRealPath().resolve("00000002.dcm")),
                result.dicomFiles());
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("00000001.dcm")));
        assertArrayEquals(second, Files.readAllBytes(dir.resolve("00000002.dcm")));
        assertEquals(List.of("LICENSE", "md5hashes.csv"), result.skippedEntries());
        assertEquals(2, result.skippedCount());
        assertFalse(Files.exists(dir.resolve("LICENSE")), "non-DICOM entries are not written");
        assertEquals(first.length + second.length + 9 + 17, result.unpackedBytes());
    }

    @Test
    void aFileWithoutThePreambleAndMagicIsNotDicom() throws IOException {
        byte[] almost = TestZips.dicom("x", 100);
        almost[129] = 'X'; // "DXCM"
        byte[] tooShort = Arrays.copyOf(TestZips.dicom("y", 0), 131);
        TciaUnpackResult result = unpack(TestZips.zip(List.of(
                Entry.deflated("a.dcm", almost), Entry.deflated("b.dcm", tooShort),
                Entry.deflated("c.dcm", TestZips.dicom("c", 1)))));
        assertEquals(1, result.dicomFiles().size());
        assertEquals(List.of("a.dcm", "b.dcm"), result.skippedEntries());
    }

    @Test
    void anEmptyArchiveIsValidAndEmpty() throws IOException {
        TciaUnpackResult result = unpack(TestZips.zip(List.of()));
        assertTrue(result.dicomFiles().isEmpty());
        assertEquals(0, result.skippedCount());
    }

    @Test
    void aZipBombIsStoppedByTheCompressionRatio() throws IOException {
        byte[] zeros = new byte[64 * 1024 * 1024 - 1];
        System.arraycopy(TestZips.dicom("bomb", 0), 0, zeros, 0, 132);
        byte[] bomb = TestZips.zip(List.of(Entry.deflated("bomb.dcm", zeros)));
        assertTrue(bomb.length < 100 * 1024, "64 MiB packed into " + bomb.length + " bytes");
        TciaZipException e = refused(bomb);
        assertEquals(Kind.COMPRESSION_RATIO, e.kind());
        assertTrue(e.getMessage().contains("'bomb.dcm'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("bomb.dcm")), "the partial file is removed");
    }

    @Test
    void aHighlyCompressibleButSmallEntryIsFine() throws IOException {
        byte[] padded = new byte[512 * 1024]; // below the ratio floor
        System.arraycopy(TestZips.dicom("padded", 0), 0, padded, 0, 132);
        assertEquals(1, unpack(TestZips.zip(List.of(Entry.deflated("padded.dcm", padded)))).dicomFiles().size());
    }

    @Test
    void theTotalSizeIsLimitedAcrossEntries() throws IOException {
        TciaZipUnpacker small = new TciaZipUnpacker(new TciaZipLimits(20, 250_000, 100));
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            entries.add(Entry.deflated(i + ".dcm", TestZips.dicom("part" + i, 100_000)));
        }
        TciaZipException e = assertThrows(TciaZipException.class,
                () -> small.unpack(new ByteArrayInputStream(TestZips.zip(entries)), dir));
        assertEquals(Kind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("'3.dcm'"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "what was written is removed again");
        }
    }

    @Test
    void tooManyEntries() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i <= LIMITS.maxEntries(); i++) {
            entries.add(Entry.deflated("e" + i + ".txt", TestZips.text("x")));
        }
        assertEquals(Kind.TOO_MANY_ENTRIES, refused(TestZips.zip(entries)).kind());
    }

    @Test
    void pathTraversalIsRefused() {
        for (String name : List.of("../evil.dcm", "a/../../evil.dcm", "..\\evil.dcm", "/etc/evil.dcm", "\\evil.dcm",
                "C:\\evil.dcm", "c:evil.dcm", "a/b/..")) {
            TciaZipException e = refused(TestZips.zip(List.of(Entry.deflated(name, TestZips.dicom(name, 10)))));
            assertEquals(Kind.UNSAFE_PATH, e.kind(), name);
        }
        assertFalse(Files.exists(dir.getParent().resolve("evil.dcm")));
    }

    @Test
    void aSubdirectoryInsideTheTargetIsAllowed() throws IOException {
        TciaUnpackResult result = unpack(TestZips.zip(List.of(Entry.deflated("series/./1-1.dcm", TestZips.dicom("s", 10)))));
        assertEquals(dir.toRealPath().resolve("series/1-1.dcm"), result.dicomFiles().get(0));
    }

    @Test
    void aRepeatedNameIsRefused() {
        // ZipOutputStream refuses identical names; "./1.dcm" names the same file
        TciaZipException e = refused(TestZips.zip(List.of(
                Entry.deflated("1.dcm", TestZips.dicom("a", 10)), Entry.deflated("2.dcm", TestZips.dicom("b", 10)),
                Entry.deflated("./1.dcm", TestZips.dicom("c", 10)))));
        assertEquals(Kind.DUPLICATE_ENTRY, e.kind());
    }

    @Test
    void aFileAlreadyInTheTargetIsNotOverwritten() throws IOException {
        Files.writeString(dir.resolve("1.dcm"), "kept");
        assertEquals(Kind.DUPLICATE_ENTRY,
                refused(TestZips.zip(List.of(Entry.deflated("1.dcm", TestZips.dicom("a", 10))))).kind());
        assertEquals("kept", Files.readString(dir.resolve("1.dcm")));
    }

    @Test
    void anArchiveCutInsideAnEntryIsTruncated() {
        byte[] zip = TestZips.zip(List.of(Entry.deflated("00000001.dcm", TestZips.dicom("cut", 200_000))));
        TciaZipException e = refused(Arrays.copyOf(zip, zip.length / 2));
        assertEquals(Kind.TRUNCATED, e.kind());
        assertFalse(Files.exists(dir.resolve("00000001.dcm")));
    }

    @Test
    void anArchiveCutBetweenEntriesIsTruncated() throws IOException {
        byte[] one = TestZips.dicom("one", 5_000);
        byte[] zip = TestZips.zip(List.of(Entry.stored("00000001.dcm", one), Entry.stored("00000002.dcm",
                TestZips.dicom("two", 5_000))));
        int secondHeader = indexOf(zip, new byte[] {'P', 'K', 3, 4}, 4);
        TciaZipException e = refused(Arrays.copyOf(zip, secondHeader));
        assertEquals(Kind.TRUNCATED, e.kind());
        assertTrue(e.getMessage().contains("after 1 entries"), e.getMessage());
    }

    @Test
    void anArchiveCutInsideTheCentralDirectoryIsTruncated() {
        byte[] zip = TestZips.zip(List.of(Entry.deflated("00000001.dcm", TestZips.dicom("cd", 5_000))));
        assertEquals(Kind.TRUNCATED, refused(Arrays.copyOf(zip, zip.length - 10)).kind());
    }

    @Test
    void anEmptyAnswerIsNotAnArchive() {
        assertEquals(Kind.TRUNCATED, refused(new byte[0]).kind());
    }

    @Test
    void garbageIsCorruptOrTruncatedNeverSilentlyEmpty() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        TciaZipException e = refused(garbage);
        assertTrue(e.kind() == Kind.TRUNCATED || e.kind() == Kind.CORRUPT, e.kind().name());
    }

    @Test
    void theStreamIsReadToItsEndButNotClosed() throws IOException {
        byte[] zip = TestZips.zip(List.of(Entry.deflated("1.dcm", TestZips.dicom("s", 10))));
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(zip) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        unpacker.unpack(in, dir);
        assertEquals(-1, in.read());
        assertFalse(closed[0]);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
