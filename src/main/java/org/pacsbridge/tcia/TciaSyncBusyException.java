package org.pacsbridge.tcia;

/** A sync was asked for while one is running on this node; the request is dropped, not queued. */
public class TciaSyncBusyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TciaSyncBusyException() {
        super("a TCIA sync is already running on this node");
    }
}
