package org.pacsbridge.findings;

/** A record on a findings topic is not a findings-v1 event the correlation can use. */
public class FindingsEventFormatException extends Exception {

    public FindingsEventFormatException(String message) {
        super(message);
    }

    public FindingsEventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
