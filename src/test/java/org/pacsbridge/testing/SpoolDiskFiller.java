package org.pacsbridge.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes free space away from the spool's tmpfs ({@link TmpfsSpoolResource}) with filler files next to the spool,
 * to bring the node below its free-space watermark; {@link #close} gives it all back.
 */
public final class SpoolDiskFiller implements AutoCloseable {

    private final List<Path> fillers = new ArrayList<>();

    /** Fills the tmpfs until about {@code usableBytes} are left (nothing when fewer are left already). */
    public void fillTo(long usableBytes) throws IOException {
        Path mountPoint = TmpfsSpoolResource.mountPoint();
        if (mountPoint == null) {
            throw new IllegalStateException(TmpfsSpoolResource.whyNotMounted());
        }
        long bytes = Math.max(0, Files.getFileStore(mountPoint).getUsableSpace() - usableBytes);
        Path filler = mountPoint.resolve("filler-" + (fillers.size() + 1));
        fillers.add(filler);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    /** Deletes every filler file. */
    @Override
    public void close() throws IOException {
        for (Path filler : fillers) {
            Files.deleteIfExists(filler);
        }
        fillers.clear();
    }
}
