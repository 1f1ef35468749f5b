package org.pacsbridge.dicom;

import java.io.IOException;

/**
 * Signals that bytes read as DICOM do not follow the encoding rules (PS3.5, PS3.10):
 * a missing Part 10 prefix, a truncated stream, an impossible length, too deep nesting and the like.
 * Messages name tags and byte offsets, never attribute values.
 */
public class DicomFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, without patient data */
    public DicomFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, without patient data
     * @param cause   the lower-level failure (for example a corrupt deflate stream)
     */
    public DicomFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
