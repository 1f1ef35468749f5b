package org.pacsbridge.dicom.net;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Listens to the network layer's log while fuzzing: keeps the first exception an association logged as
 * an internal error (one it did not expect and survived only by closing), and keeps the expected protocol warnings of
 * hostile input off the console. {@link #close()} restores the logger.
 */
final class InternalErrorLog extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("org.pacsbridge.dicom.net");
    private final Level previousLevel;
    private final boolean previousUseParent;
    private Throwable failure;

    InternalErrorLog() {
        previousLevel = logger.getLevel();
        previousUseParent = logger.getUseParentHandlers();
        setLevel(Level.WARNING);
        logger.setLevel(Level.WARNING);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        // Only the internal-error path logs an exception; messages alone are no evidence, as they
        // quote AE titles chosen by the peer.
        if (failure == null && record.getThrown() != null) {
            failure = record.getThrown();
        }
    }

    /** @return the first internal error since the last call, or null */
    synchronized Throwable takeFailure() {
        Throwable t = failure;
        failure = null;
        return t;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(previousUseParent);
        logger.setLevel(previousLevel);
    }
}
