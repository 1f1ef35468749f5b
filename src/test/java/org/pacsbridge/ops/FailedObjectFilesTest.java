package org.pacsbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

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
        Path kept = files.keep(spooled, "1.2.840.1");

        FailedObjectFiles.Resolution found = files.resolve("1.2.840.1", "pod-0");
        assertTrue(found.isFound());
        assertEquals(kept, found.file());
        assertTrue(files.resolve("1.2.840.1", null).isFound(), "records written before the node was named");
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
