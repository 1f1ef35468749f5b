package org.pacsbridge.tcia;

/**
 * What a {@code getImage} archive may contain before {@link TciaZipUnpacker} refuses it.
 *
 * @param maxEntries          entries of any kind
 * @param maxTotalBytes       uncompressed bytes of all entries together
 * @param maxCompressionRatio how many times its compressed size an entry may expand to; checked once
 *                            an entry has produced {@link TciaZipUnpacker#RATIO_CHECK_FLOOR} bytes
 */
public record TciaZipLimits(int maxEntries, long maxTotalBytes, int maxCompressionRatio) {

    /** Room for CT series of several thousand slices; DICOM pixel data rarely deflates beyond 10:1. */
    public static final TciaZipLimits DEFAULT = new TciaZipLimits(10_000, 4L * 1024 * 1024 * 1024, 100);

    public TciaZipLimits {
        if (maxEntries < 1 || maxTotalBytes < 1 || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("ZIP limits must be positive");
        }
    }
}
