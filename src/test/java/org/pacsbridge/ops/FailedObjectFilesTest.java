package org.pacsbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which dead-letter references reach a file, and that nothing outside failed/ ever does. */
class FailedObjectFilesTest {

    @TempDir
    Path spool;

    @Test
    void aUidKeptHereIsFound() throws Exception {
        FailedObjectFiles files = new FailedObjectFiles(spool.resolve("failed"), "pod-0");
        Path spooled = Files.writeString(spool.resolve("1.2.840.1.dcm"), "object");
        String id = FailedObjectFiles.newDeadLetterId();
        Path kept = files.keep(spooled, "1.2.840.1", id);

        FailedObjectFiles.Resolution found = files.resolve("1.2.840.1", "pod-0", id);
        assertTrue(found.isFound());
        assertEquals(kept, found.file());
        assertTrue(files.resolve("1.2.840.1", null, id).isFound(), "records written before the node was named");
    }

    @Test
    void twoDeadLettersOfOneUidKeepOneFileEach() throws Exception {
        FailedObjectFiles files = new FailedObjectFiles(spool.resolve("failed"), "pod-0");
        Path first = files.keep(Files.writeString(spool.resolve("a.dcm"), "first copy"), "1.2.840.7",
                FailedObjectFiles.newDeadLetterId());
        String secondId = FailedObjectFiles.newDeadLetterId();
        Path second = files.keep(Files.writeString(spool.resolve("b.dcm"), "second copy"), "1.2.840.7", secondId);

        assertNotEquals(first, second);
        assertEquals("first copy", Files.readString(first), "the second dead letter does not overwrite the first's object");
        Files.delete(first); // the first dead letter's replay is done with its object
        FailedObjectFiles.Resolution found = files.resolve("1.2.840.7", "pod-0", secondId);
        assertTrue(found.isFound(), "the second dead letter still has its object");
        assertEquals("second copy", Files.readString(found.file()));
    }

    @Test
    void aRecordWithoutIdFindsTheObjectByUidAlone() throws Exception {
        Path failed = Files.createDirectories(spool.resolve("failed"));
        Path old = Files.writeString(failed.resolve("1.2.840.9.dcm"), "kept before dead letters had ids");
        FailedObjectFiles.Resolution found = new FailedObjectFiles(failed, "pod-0").resolve("1.2.840.9", "pod-0");
        assertTrue(found.isFound());
        assertEquals(old, found.file());
    }

    @Test
    void idsThatAreNotOursAreParked() throws Exception {
        Path failed = Files.createDirectories(spool.resolve("failed"));
        Files.writeString(failed.resolve("1.2.3.dcm"), "an object of an older record");
        Files.writeString(spool.resolve("1.2.3.x.dcm"), "outside");
        FailedObjectFiles files = new FailedObjectFiles(failed, "pod-0");
        String valid = FailedObjectFiles.newDeadLetterId();
        Files.writeString(failed.resolve("1.2.3." + valid + ".dcm"), "kept");
        for (Object id : new Object[] {"", "../x", "/../../1.2.3", "x/../../1.2.3.x", valid.toUpperCase(), valid + "\u0000",
                valid + "/..", "dcm", 42, List.of(valid)}) {
            FailedObjectFiles.Resolution r = files.resolve("1.2.3", "pod-0", id);
            assertFalse(r.isFound(), String.valueOf(id));
            assertFalse(r.elsewhere(), String.valueOf(id));
        }
        assertTrue(files.resolve("1.2.3", "pod-0", valid).isFound());
        assertThrows(IllegalArgumentException.class,
                () -> files.keep(failed.resolve("1.2.3.dcm"), "1.2.3", "../../escape"));
    }

    @Test
    void aSymbolicLinkNamedLikeADeadLetterIsNotFollowed() throws Exception {
        Path failed = Files.createDirectories(spool.resolve("failed"));
        Path secret = Files.writeString(spool.resolve("secret"), "not an object");
        String id = FailedObjectFiles.newDeadLetterId();
        Files.createSymbolicLink(failed.resolve("1.2.3." + id + ".dcm"), secret);
        assertFalse(new FailedObjectFiles(failed, "pod-0").resolve("1.2.3", "pod-0", id).isFound());
    }

    @Test
    void namesThatLeaveFailedAreParked() throws Exception {
        Path failed = Files.createDirectories(spool.resolve("failed"));
        Files.writeString(spool.resolve("1.2.3.dcm"), "outside");
        FailedObjectFiles files = new FailedObjectFiles(failed, "pod-0");
        for (String uid : new String[] {"/etc/passwd", "../../etc/passwd", "../1.2.3", "1.2/../1.2.3", "1.2.3\u0000",
                "", "1." + "2".repeat(64), "1.2.3.dcm"}) {
            FailedObjectFiles.Resolution r = files.resolve(uid, "pod-0");
            assertFalse(r.isFound(), uid);
            assertFalse(r.elsewhere(), uid);
        }
        assertFalse(files.resolve(42, "pod-0").isFound());
        assertFalse(files.resolve(null, "pod-0").isFound());
    }

    @Test
    void aSymbolicLinkInFailedIsNotFollowed() throws Exception {
        Path failed = Files.createDirectories(spool.resolve("failed"));
        Path secret = Files.writeString(spool.resolve("secret"), "not an object");
        Files.createSymbolicLink(failed.resolve("1.2.3.dcm"), secret);
        FailedObjectFiles.Resolution r = new FailedObjectFiles(failed, "pod-0").resolve("1.2.3", "pod-0");
        assertFalse(r.isFound());
    }

    @Test
    void anObjectKeptByAnotherNodeIsElsewhereAndItsNameIsMadePrintable() {
        FailedObjectFiles.Resolution r = new FailedObjectFiles(spool.resolve("failed"), "pod-0")
                .resolve("1.2.3", "pod-1\r\nFAKE LOG LINE");
        assertFalse(r.isFound());
        assertTrue(r.elsewhere());
        assertFalse(r.reason().contains("\n"), r.reason());
    }
}
