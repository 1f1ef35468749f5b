package org.pacsbridge.tcia;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the TCIA classes log (message, parameters and any exception message). */
final class TciaLogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("org.pacsbridge.tcia");
    private final Level previous;
    private final List<String> lines = new ArrayList<>();

    TciaLogCapture() {
        setLevel(Level.ALL);
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(record.getLevel() + " " + record.getMessage() + " " + Arrays.toString(record.getParameters())
                + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
