package org.pacsbridge.tcia;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link TciaZipUnpacker} wrote.
 *
 * @param dicomFiles     the DICOM files written, in archive order
 * @param skippedEntries names of entries that are not DICOM (e.g. {@code LICENSE}, {@code md5hashes.csv}),
 *                       read but not written
 * @param unpackedBytes  uncompressed bytes read from all entries
 */
public record TciaUnpackResult(List<Path> dicomFiles, List<String> skippedEntries, long unpackedBytes) {

    public TciaUnpackResult {
        dicomFiles = List.copyOf(dicomFiles);
        skippedEntries = List.copyOf(skippedEntries);
    }

    public int skippedCount() {
        return skippedEntries.size();
    }
}
