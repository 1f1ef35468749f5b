package org.pacsbridge.camel.mllp;

import java.io.IOException;
import java.net.Socket;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.apache.camel.component.mllp.internal.TcpSocketConsumerRunnable;
import org.jboss.logging.Logger;

/**
 * camel-mllp's listener with the bounds of {@link MllpLimits}: a peer outside the allow-list is
 * closed as soon as it is accepted; every other connection is read through a {@link FrameGuard}.
 * A message cut at the size limit reaches the route with the header {@link #MESSAGE_TOO_LARGE}
 * (the limit in bytes) so that the route can refuse it with an ACK.
 */
public class BoundedMllpConsumer extends MllpTcpServerConsumer {

    /** Header on a message that was cut at the size limit: the limit, in bytes. */
    public static final String MESSAGE_TOO_LARGE = "PacsMllpMessageTooLarge";

    private static final Logger LOG = Logger.getLogger(BoundedMllpConsumer.class);
    // processMessage creates its exchange inside; this tells createExchange about the message at hand
    private static final ThreadLocal<Boolean> CUT = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final MllpLimits limits;

    BoundedMllpConsumer(BoundedMllpEndpoint endpoint, Processor processor, MllpLimits limits) {
        super(endpoint, processor);
        this.limits = limits;
    }

    @Override
    public void validateConsumer(Socket clientSocket) {
        if (!limits.allowList().allows(clientSocket.getInetAddress())) {
            LOG.warnf("MLLP connection from %s on port %d refused: address not in the allow-list",
                    clientSocket.getInetAddress() == null ? "?" : clientSocket.getInetAddress().getHostAddress(),
                    clientSocket.getLocalPort());
            closeNow(clientSocket);
            return;
        }
        Socket guarded;
        try {
            guarded = new GuardedSocket(clientSocket, limits);
        } catch (IOException e) {
            LOG.debugf("MLLP connection from %s closed before it was read", clientSocket.getRemoteSocketAddress());
            closeNow(clientSocket);
            return;
        }
        super.validateConsumer(guarded);
    }

    @Override
    public void processMessage(byte[] hl7MessageBytes, TcpSocketConsumerRunnable consumerRunnable) {
        boolean cut = consumerRunnable.getSocket() instanceof GuardedSocket guarded && guarded.messageWasCut();
        CUT.set(cut);
        try {
            super.processMessage(hl7MessageBytes, consumerRunnable);
        } finally {
            CUT.remove();
        }
    }

    @Override
    public Exchange createExchange(boolean autoRelease) {
        Exchange exchange = super.createExchange(autoRelease);
        if (CUT.get()) {
            exchange.getIn().setHeader(MESSAGE_TOO_LARGE, limits.maxMessageSize());
        }
        return exchange;
    }

    private static void closeNow(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with a refused connection
        }
    }
}
