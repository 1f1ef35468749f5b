package org.pacsbridge.tcia;

import java.io.IOException;
import java.util.Objects;

/** A {@code getImage} archive that {@link TciaZipUnpacker} refused. */
public class TciaZipException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the archive. */
    public enum Kind {
        /** More entries than allowed. */
        TOO_MANY_ENTRIES,
        /** More uncompressed bytes in all than allowed. */
        TOO_LARGE,
        /** An entry expands more than the allowed ratio (a ZIP bomb). */
        COMPRESSION_RATIO,
        /** An entry name that would leave the target directory: {@code ..}, absolute, drive letter. */
        UNSAFE_PATH,
        /** Two entries with the same name, or a file already in the target directory. */
        DUPLICATE_ENTRY,
        /** The archive ends early: cut inside an entry or before its central directory. */
        TRUNCATED,
        /** Not a readable ZIP archive. */
        CORRUPT
    }

    private final Kind kind;

    public TciaZipException(Kind kind, String message) {
        this(kind, message, null);
    }

    public TciaZipException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
