package org.pacsbridge.dicom.net;

import java.io.IOException;

/**
 * Receives one data set as it arrives on the network (PDV fragments, in order). Exactly one of
 * {@link #complete()} or {@link #abort()} is called at the end.
 */
public interface DataSetSink {
    /** Data-set bytes in the transfer syntax of the presentation context, as they arrive. */
    void write(byte[] buf, int off, int len) throws IOException;

    /**
     * The last fragment arrived: make the object durable.
     *
     * @return DIMSE status for the C-STORE-RSP (0x0000, 0xB000.. warnings, or a failure). An IOException is
     *         answered with 0xA700 and the sink is then aborted.
     */
    int complete() throws IOException;

    /** The association broke or the data is incomplete: discard everything. Must not throw. */
    void abort();
}
