package org.pacsbridge.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.internal.ServerAssociation;
import org.pacsbridge.dicom.net.internal.State;
import org.pacsbridge.dicom.net.internal.Transport;

/**
 * The Storage SCP's association acceptor fed arbitrary bytes from a peer, over an in-memory connection.
 *
 * <p>Input: one scenario byte, then the bytes the peer sends. The scenario byte picks how the peer's
 * stream ends (bits 0-1: close, silence until the timeout, reset), how the C-STORE handler behaves
 * (bits 2-4, {@link ScriptedStoreHandler.Behaviour}) and whether the server is at its association limit
 * (bit 5).
 *
 * <p>Whatever the bytes, the association must end in Sta1 with the connection closed, without an
 * internal error (an unexpected exception, which the acceptor logs and survives), having written only
 * what an acceptor may send ({@link AcceptorAnswers}) and having ended every data set sink it opened.
 */
@Tag("fuzz")
class AssociationAcceptorFuzzTest {

    static final String CALLED_AE = "PACSBRIDGE";

    private static final DicomServerConfig CONFIG = DicomServerConfig.builder()
            .calledAeTitle(CALLED_AE)
            .support(UID.ComputedRadiographyImageStorage, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
            .support(UID.DigitalXRayImageStorageForPresentation, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
            .support(UID.CTImageStorage, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
            .maxPresentationContexts(8)
            .artim(Duration.ofSeconds(30))
            .build();

    private static final InMemorySocket.End[] ENDS = {
        InMemorySocket.End.CLOSE, InMemorySocket.End.SILENCE, InMemorySocket.End.RESET, InMemorySocket.End.CLOSE
    };

    private static InternalErrorLog log;

    @BeforeAll
    static void listen() {
        log = new InternalErrorLog();
    }

    @AfterAll
    static void stopListening() {
        log.close();
    }

    @FuzzTest
    @Timeout(10)
    void acceptor(byte[] input) throws Throwable {
        if (input.length == 0) {
            return;
        }
        int scenario = input[0] & 0xff;
        ScriptedStoreHandler.Behaviour[] behaviours = ScriptedStoreHandler.Behaviour.values();
        ScriptedStoreHandler handler = new ScriptedStoreHandler(behaviours[(scenario >>> 2) & 7]);
        boolean overloaded = (scenario & 0x20) != 0;
        InMemorySocket socket = new InMemorySocket(Arrays.copyOfRange(input, 1, input.length), ENDS[scenario & 3]);
        AtomicInteger done = new AtomicInteger();

        log.takeFailure();
        ServerAssociation association = new ServerAssociation(CONFIG, handler, new Transport(socket, true, false),
                overloaded, done::incrementAndGet);
        association.run();

        Throwable internal = log.takeFailure();
        if (internal != null) {
            throw internal;
        }
        assertEquals(State.Sta1, association.state(), "state after the association ended");
        assertEquals(1, done.get(), "end callback calls");
        assertTrue(socket.isClosed(), "connection left open");
        handler.checkAllEnded();
        AcceptorAnswers.check(socket.written());
    }
}
