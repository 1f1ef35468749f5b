package org.pacsbridge.dicom;

/** The padding of DICOM text values (PS3.5 6.2): spaces, and NULs for UIDs. */
final class ValuePadding {

    private ValuePadding() {
    }

    /** The value without leading and trailing spaces and NULs. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPadding(s.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isPadding(char c) {
        return c == ' ' || c == '\0';
    }
}
