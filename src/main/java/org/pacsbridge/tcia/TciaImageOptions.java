package org.pacsbridge.tcia;

/**
 * How {@code getImage} should pack a series (NBIA only; the v2 interface has neither option).
 *
 * @param newFileNames {@code NewFileNames=Yes}: entries named {@code <acquisition>-<instance>.dcm}
 *                     instead of {@code 00000001.dcm}
 * @param includeMd5   add an {@code md5hashes.csv} entry (v4 {@code IncludeMD5=Yes}; v1/v2 call
 *                     {@code getImageWithMD5Hash})
 */
public record TciaImageOptions(boolean newFileNames, boolean includeMd5) {

    /** The server's defaults: counter names, no checksums. */
    public static final TciaImageOptions DEFAULT = new TciaImageOptions(false, false);
}
