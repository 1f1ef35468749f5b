package org.pacsbridge.dicom.net;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log line of a logger and its children (DEBUG included), formatted as it would be written, for
 * tests that check what a peer can put into the log. {@link #close()} restores the logger.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final List<String> lines = new ArrayList<>();

    public CapturedLog(String loggerName) {
        logger = Logger.getLogger(loggerName);
        previousLevel = logger.getLevel();
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                : new java.util.logging.SimpleFormatter().formatMessage(record));
    }

    /** @return the lines logged so far */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
