package org.pacsbridge.dicom.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.pacsbridge.dicom.net.internal.ServerAssociation;
import org.pacsbridge.dicom.net.internal.Transport;

/**
 * DICOM Storage SCP and Verification SCP (PS3.4 Annex A/B) over the PS3.8 upper layer.
 *
 * <p>One acceptor thread accepts connections; each association runs on a bounded pool of
 * {@code maxAssociations} threads. A connection arriving while all are busy is handled by a small separate
 * pool that reads its A-ASSOCIATE-RQ and answers A-ASSOCIATE-RJ (result 2 transient, source 3, reason 2
 * local limit exceeded); if even that pool is saturated the connection is closed. No failure of a single
 * association ends the acceptor thread.
 *
 * <p>The remote address allow-list is checked at accept, before a slot is counted and before any byte is
 * read (or, with TLS, a handshake begun): a connection from elsewhere is closed at once, without an
 * A-ASSOCIATE-RJ. PS3.8 has no association yet at that point and the transport connection may simply be
 * refused; answering with a PDU would first mean reading the peer's request on a thread for up to ARTIM,
 * which is the very cost the list should spare. Such closes are logged once per address and minute.
 *
 * <p>With {@link DicomServerConfig#tls()} set, the port speaks TLS only: each connection's handshake runs on its
 * association thread (bounded by ARTIM) before the first PDU is read; a failed handshake closes just that
 * connection.
 */
public final class DicomServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pacsbridge.dicom.net");

    private final DicomServerConfig cfg;
    private final CStoreHandler handler;
    private final Semaphore permits;
    private final Set<ServerAssociation> live = ConcurrentHashMap.newKeySet();
    private final Set<Transport> handshaking = ConcurrentHashMap.newKeySet();
    private RefusedConnectionLog refusedLog;
    private ServerSocket serverSocket;
    private Thread acceptor;
    private ThreadPoolExecutor pool;
    private ThreadPoolExecutor rejectPool;
    private volatile boolean closed;

    /**
     * @param cfg     configuration
     * @param handler receives C-STORE data sets
     */
    public DicomServer(DicomServerConfig cfg, CStoreHandler handler) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.permits = new Semaphore(cfg.maxAssociations());
    }

    /** Binds (with SO_REUSEADDR) and starts accepting on background threads. */
    public synchronized void start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocket ss = cfg.tls() != null ? TlsServerSockets.create(cfg.tls())
                : cfg.tlsContext() != null ? TlsServerSockets.create(cfg.tlsContext()) : new ServerSocket();
        try {
            ss.setReuseAddress(true);
            InetAddress addr = cfg.bindHost() == null ? null : InetAddress.getByName(cfg.bindHost());
            ss.bind(new InetSocketAddress(addr, cfg.port()), 128);
        } catch (IOException e) {
            ss.close();
            throw e;
        }
        serverSocket = ss;
        int port = ss.getLocalPort();
        pool = new ThreadPoolExecutor(cfg.maxAssociations(), cfg.maxAssociations(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(cfg.maxAssociations()), threads("dicom-assoc-" + port));
        pool.allowCoreThreadTimeOut(true);
        rejectPool = new ThreadPoolExecutor(0, 2, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), threads("dicom-reject-" + port));
        refusedLog = new RefusedConnectionLog("DICOM server " + cfg.calledAeTitle() + " port " + port, TimeUnit.MINUTES.toNanos(1));
        acceptor = new Thread(this::acceptLoop, "dicom-acceptor-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.log(System.Logger.Level.INFO, "DICOM server " + cfg.calledAeTitle() + " listening on port " + port
                + (cfg.secured() ? " (TLS " + String.join(", ", enabledTlsProtocols()) + ", client certificate "
                        + TlsServerSockets.clientAuth(ss) + ")" : ""));
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e);
                pause();
                continue;
            }
            if (!allowed(s.getInetAddress())) {
                closeQuietly(s);
                refusedLog.refused(s.getInetAddress(), System.nanoTime());
                cfg.observer().connectionRefused(s.getInetAddress());
                continue;
            }
            try {
                dispatch(s);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "could not start association: " + t);
                closeQuietly(s);
            }
        }
    }

    private boolean allowed(InetAddress remote) {
        return cfg.allowedRemoteInetAddresses().isEmpty() || cfg.allowedRemoteInetAddresses().contains(remote);
    }

    private void dispatch(Socket s) throws IOException {
        Transport t = new Transport(s, cfg.tcpNoDelay(), cfg.tcpQuickAck());
        if (permits.tryAcquire()) {
            ServerAssociation[] self = new ServerAssociation[1];
            Runnable done = () -> {
                live.remove(self[0]);
                permits.release();
            };
            self[0] = new ServerAssociation(cfg, handler, t, false, done);
            live.add(self[0]);
            try {
                pool.execute(secured(t, self[0], done));
            } catch (RejectedExecutionException e) {
                live.remove(self[0]);
                permits.release();
                t.close();
            }
        } else {
            LOG.log(System.Logger.Level.WARNING, "association limit " + cfg.maxAssociations() + " reached; rejecting " + s.getRemoteSocketAddress());
            ServerAssociation[] self = new ServerAssociation[1];
            Runnable done = () -> live.remove(self[0]);
            self[0] = new ServerAssociation(cfg, handler, t, true, done);
            live.add(self[0]);
            try {
                rejectPool.execute(secured(t, self[0], done));
            } catch (RejectedExecutionException e) {
                live.remove(self[0]);
                t.close();
            }
        }
    }

    /** With TLS: the handshake first, on the association's thread; if it fails only this connection ends. */
    private Runnable secured(Transport t, ServerAssociation association, Runnable done) {
        if (!cfg.secured()) {
            return association;
        }
        return () -> {
            handshaking.add(t);
            boolean secured = !closed && TlsServerSockets.handshake(t.socket(), cfg.artim().toMillis());
            handshaking.remove(t);
            if (secured) {
                association.run();
            } else {
                t.close();
                done.run();
            }
        };
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing
        }
    }

    /** @return the bound local port (useful with port 0) */
    public int localPort() {
        ServerSocket ss = serverSocket;
        if (ss == null) {
            throw new IllegalStateException("not started");
        }
        return ss.getLocalPort();
    }

    /** @return the TLS protocols enabled on the listening socket; empty without TLS */
    public java.util.List<String> enabledTlsProtocols() {
        ServerSocket ss = serverSocket;
        if (ss == null) {
            throw new IllegalStateException("not started");
        }
        return TlsServerSockets.enabledProtocols(ss);
    }

    /** @return number of associations currently being served (including those still negotiating) */
    public int activeAssociations() {
        return cfg.maxAssociations() - permits.availablePermits();
    }

    /** Stops accepting, aborts live associations (A-ABORT) and waits up to 10 s for their threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
        } catch (IOException ignored) {
            // nothing
        }
        if (acceptor != null) {
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a connection still in its TLS handshake cannot take an A-ABORT: just close it
        handshaking.forEach(Transport::close);
        for (ServerAssociation a : live) {
            a.shutdown();
        }
        for (ThreadPoolExecutor p : new ThreadPoolExecutor[] {pool, rejectPool}) {
            if (p != null) {
                p.shutdown();
                try {
                    if (!p.awaitTermination(10, TimeUnit.SECONDS)) {
                        p.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.shutdownNow();
                }
            }
        }
    }
}
