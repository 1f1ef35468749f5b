package org.pacsbridge.dicom;

import java.nio.charset.StandardCharsets;

/**
 * Recognises values that are UIDs when the VR is not known (implicit VR attributes outside the
 * profile's table, or UN), so that an instance UID in an unlisted attribute is still replaced.
 */
final class UidShape {

    private UidShape() {
    }

    /**
     * @return whether {@code value} is one or more valid UIDs separated by backslashes, each with
     *         at least three components, padded with at most one trailing NUL or space. Decimal
     *         strings have at most one dot per value, dates in the old dotted form have leading
     *         zeros, so neither is mistaken for a UID.
     */
    static boolean looksLikeUids(byte[] value) {
        int length = value.length;
        if (length > 0 && (value[length - 1] == 0 || value[length - 1] == ' ')) {
            length--;
        }
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            byte b = value[i];
            if (!(b >= '0' && b <= '9' || b == '.' || b == '\\')) {
                return false;
            }
        }
        for (String uid : new String(value, 0, length, StandardCharsets.US_ASCII).split("\\\\", -1)) {
            if (!UID.isValid(uid) || uid.chars().filter(c -> c == '.').count() < 2) {
                return false;
            }
        }
        return true;
    }
}
