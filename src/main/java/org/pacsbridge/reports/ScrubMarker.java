package org.pacsbridge.reports;

/** What {@link ReportTextScrubber} puts in place of a value it removes. */
public enum ScrubMarker {
    NAME, ID, DATE, PHONE, EMAIL, ADDRESS;

    /** The marker as it appears in the text, e.g. {@code [NAME]}. */
    public String text() {
        return "[" + name() + "]";
    }
}
