package org.pacsbridge.reports;

/**
 * A JSON report that is not a valid {@value Report#SCHEMA} document. The message names the
 * problem and the field, never field values.
 */
public final class ReportFormatException extends Exception {

    public ReportFormatException(String message) {
        super(message);
    }
}
