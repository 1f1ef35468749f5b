package org.pacsbridge.dicom.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Logs connections refused for their remote address without letting a flood of them flood the log:
 * the first refusal of an address in a window is logged at once, the further ones in that window are
 * counted and reported with the next line for that address. Used by the acceptor thread only.
 */
final class RefusedConnectionLog {
    private static final System.Logger LOG = System.getLogger("org.pacsbridge.dicom.net");
    /** Addresses remembered at most; past it the memory starts over (at worst one more line per address). */
    private static final int MAX_ADDRESSES = 1024;

    private final long windowNanos;
    private final String listener;
    private final Map<InetAddress, Window> windows = new HashMap<>();

    RefusedConnectionLog(String listener, long windowNanos) {
        this.listener = listener;
        this.windowNanos = windowNanos;
    }

    void refused(InetAddress address, long nowNanos) {
        Window w = windows.get(address);
        if (w != null && nowNanos - w.start < windowNanos) {
            w.suppressed++;
            return;
        }
        if (windows.size() >= MAX_ADDRESSES) {
            windows.clear();
        }
        long suppressed = w == null ? 0 : w.suppressed;
        windows.put(address, new Window(nowNanos));
        LOG.log(System.Logger.Level.WARNING, listener + ": connection from " + address.getHostAddress()
                + " closed: address not in the allowed remote addresses"
                + (suppressed > 0 ? " (" + suppressed + " more from it since the last line)" : ""));
    }

    private static final class Window {
        final long start;
        long suppressed;

        Window(long start) {
            this.start = start;
        }
    }
}
