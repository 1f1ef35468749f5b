package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A C-STORE handler that behaves as told (accept, refuse, fail in one of the ways a real handler can)
 * and checks that the association keeps the {@link DataSetSink} contract: bytes only before the end,
 * and exactly one of complete or abort, except that a complete that failed is followed by an abort.
 */
final class ScriptedStoreHandler implements CStoreHandler {

    /** How the handler and its sinks behave. */
    enum Behaviour {
        ACCEPT, REFUSE, HANDLER_FAILS, NO_SINK, WRITE_FAILS, COMPLETE_FAILS, COMPLETE_WARNS, ABORT_FAILS
    }

    private final Behaviour behaviour;
    private final List<Sink> sinks = new ArrayList<>();

    ScriptedStoreHandler(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public DataSetSink begin(StoreRequest request) throws DimseStatusException {
        switch (behaviour) {
            case REFUSE:
                throw new DimseStatusException(DimseStatus.OUT_OF_RESOURCES);
            case HANDLER_FAILS:
                throw new IllegalStateException("handler failure");
            case NO_SINK:
                return null;
            default:
                Sink sink = new Sink();
                sinks.add(sink);
                return sink;
        }
    }

    /** Every sink handed out has been ended as the contract says. */
    void checkAllEnded() {
        for (Sink sink : sinks) {
            if (sink.completeFailed) {
                assertEquals(1, sink.aborts, "sink whose complete failed aborted " + sink.aborts + " times");
            } else {
                assertEquals(1, sink.completes + sink.aborts, "sink completed " + sink.completes + " and aborted "
                        + sink.aborts + " times");
            }
        }
    }

    private final class Sink implements DataSetSink {
        private int completes;
        private int aborts;
        private boolean completeFailed;

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            assertFalse(completes + aborts > 0, "write after the sink ended");
            if (behaviour == Behaviour.WRITE_FAILS) {
                throw new IOException("disk full");
            }
        }

        @Override
        public int complete() throws IOException {
            assertFalse(completes + aborts > 0, "complete after the sink ended");
            completes++;
            if (behaviour == Behaviour.COMPLETE_FAILS) {
                completeFailed = true;
                throw new IOException("disk full");
            }
            return behaviour == Behaviour.COMPLETE_WARNS ? DimseStatus.WARNING_COERCION : DimseStatus.SUCCESS;
        }

        @Override
        public void abort() {
            assertEquals(0, aborts, "second abort");
            aborts++;
            if (behaviour == Behaviour.ABORT_FAILS) {
                throw new IllegalStateException("abort failed");
            }
        }
    }
}
