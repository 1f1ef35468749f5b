package org.pacsbridge.camel.dicom;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.internal.Spool;
import org.pacsbridge.camel.dicom.internal.SpoolClaims;
import org.pacsbridge.camel.dicom.internal.SpooledObject;
import org.pacsbridge.camel.dicom.internal.SpoolingStoreHandler;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.CStoreHandler;
import org.pacsbridge.dicom.net.DicomServer;
import org.pacsbridge.dicom.net.DicomServerConfig;
import org.pacsbridge.dicom.net.LogSafe;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Storage SCP. C-STORE success is answered once an object is durable in the spool; then the
 * object runs through the route from there, one exchange per object (body: the spooled Part 10
 * file). When the route completes, the object leaves the spool; when it fails, the object stays and
 * is tried again after {@code retryDelay}, and at the next start.
 */
public class DicomConsumer extends DefaultConsumer {

    /** How long a stop waits for the objects being processed (within Camel's own shutdown timeout). */
    static final int DRAIN_TIMEOUT_SECONDS = 20;

    private static final Logger LOG = Logger.getLogger(DicomConsumer.class);

    private final DicomEndpoint endpoint;
    private Spool spool;
    private volatile CStoreHandler storeHandler;
    private DicomServer server;
    private DicomServer tlsServer;
    private DicomMetrics metrics;
    private volatile boolean stopping;
    private ScheduledExecutorService workers;
    private final SpoolClaims claims = new SpoolClaims();
    private ProducerTemplate giveUpProducer;
    /** Failed runs per spooled copy (spool id); in memory only: after a restart the age still bounds retries. */
    private final Map<String, Integer> failedRuns = new ConcurrentHashMap<>();

    public DicomConsumer(DicomEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    /** The port the SCP listens on (useful when configured as 0). */
    public int getLocalPort() {
        return server == null ? -1 : server.localPort();
    }

    /** The port of the TLS listener, -1 when TLS is not enabled. */
    public int getTlsLocalPort() {
        return tlsServer == null ? -1 : tlsServer.localPort();
    }

    public Spool getSpool() {
        return spool;
    }

    /**
     * The handler the SCP stores each C-STORE with, for other ways in (DICOMweb STOW-RS): an object stored
     * through it is spooled by the same writer, with the same fsync, duplicate policy and watermark, and then
     * runs through this consumer's route. Null while the consumer is stopped.
     */
    public CStoreHandler getStoreHandler() {
        return storeHandler;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stopping = false;
        DicomConfiguration conf = endpoint.getConfiguration();
        DicomAddress address = endpoint.getAddress();
        SSLContextParameters tlsParameters = conf.getSslContextParameters();
        // an unreadable key store fails before anything binds
        SSLContext tls = tlsParameters == null ? null : tlsParameters.createSSLContext(endpoint.getCamelContext());
        // and so does a transfer syntax the SCP cannot accept
        String[] transferSyntaxes = StorageTransferSyntaxes.inPreferenceOrder(conf.transferSyntaxSet());
        spool = new Spool(endpoint.getComponent().spoolDirectory(conf.getSpoolDir()), conf.getMinFreeSpace(),
                conf.getSpoolSync());
        if (conf.getSpoolSync() == SpoolSync.NONE) {
            LOG.warnf("Spool sync NONE: C-STORE success is answered before the object is on disk; acknowledged"
                    + " objects survive a crash of the node, but those of the last seconds are lost with a power"
                    + " loss or an operating-system crash (spool %s)", spool.objectsDir().getParent());
        }
        giveUpProducer = endpoint.getCamelContext().createProducerTemplate();
        workers = newWorkerPool("dicom-spool-" + address.aeTitle(), conf.getConcurrentConsumers());
        List<SpooledObject> pending = spool.pending();
        if (!pending.isEmpty()) {
            LOG.infof("Resuming %d spooled objects without a recorded outcome", pending.size());
            pending.forEach(this::submit);
        }
        MeterRegistry registry = endpoint.getComponent().getMeterRegistry();
        metrics = registry == null ? null : new DicomMetrics(registry, address.aeTitle());
        SpoolingStoreHandler storeHandler = new SpoolingStoreHandler(spool, conf.getDuplicatePolicy(), this::submit);
        server = new DicomServer(observed(serverConfig(conf, address, transferSyntaxes)).build(), storeHandler);
        server.start();
        this.storeHandler = storeHandler;
        if (metrics != null) {
            metrics.watch(server, spool);
        }
        LOG.infof("DICOM Storage SCP %s listening on %s:%d, spool %s", address.aeTitle(), address.host(),
                server.localPort(), spool.objectsDir().getParent());
        if (tls != null) {
            try {
                startTls(conf, address, transferSyntaxes, tls, storeHandler);
            } catch (IOException | RuntimeException e) {
                doStop(); // the plain listener and the spool workers do not outlive a failed start
                throw e;
            }
        }
    }

    /** The same SCP (spool, store handler, limits) on a second port that speaks TLS only. */
    private void startTls(DicomConfiguration conf, DicomAddress address, String[] transferSyntaxes, SSLContext tls,
            SpoolingStoreHandler storeHandler) throws IOException {
        DicomServer secured = new DicomServer(
                observed(serverConfig(conf, address, transferSyntaxes).port(conf.getTlsPort()).tlsContext(tls)).build(), storeHandler);
        secured.start();
        tlsServer = secured;
        LOG.infof("DICOM Storage SCP %s listening with TLS on %s:%d (%s)", address.aeTitle(), address.host(),
                tlsServer.localPort(), String.join(", ", tlsServer.enabledTlsProtocols()));
    }

    private DicomServerConfig.Builder observed(DicomServerConfig.Builder builder) {
        return metrics == null ? builder : builder.observer(metrics);
    }

    @Override
    protected void doStop() throws Exception {
        storeHandler = null;
        if (tlsServer != null) {
            tlsServer.close();
            tlsServer = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (workers != null) {
            // objects being processed finish (their event is published and they leave the spool);
            // objects still waiting stay in the spool and are resumed at the next start
            stopping = true;
            workers.shutdown();
            if (!workers.awaitTermination(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warnf("Spool workers still busy after %d s; interrupting them (their objects stay in the spool)",
                        DRAIN_TIMEOUT_SECONDS);
                workers.shutdownNow();
                workers.awaitTermination(10, TimeUnit.SECONDS);
            }
            workers = null;
        }
        if (giveUpProducer != null) {
            giveUpProducer.close();
            giveUpProducer = null;
        }
        super.doStop();
    }

    private static DicomServerConfig.Builder serverConfig(DicomConfiguration conf, DicomAddress address,
            String[] transferSyntaxes) {
        DicomServerConfig.Builder builder = DicomServerConfig.builder()
                .bindHost(address.host())
                .port(address.port())
                .calledAeTitle(address.aeTitle())
                .allowedCallingAeTitles(conf.allowedCallingAeTitleSet())
                .allowedRemoteAddresses(conf.allowedRemoteAddressSet())
                .maxAssociations(conf.getMaxAssociations())
                .maxPduLengthReceive(conf.getMaxPduLength())
                .artim(conf.getArtim())
                .associationRequestTimeout(conf.getAssociationRequestTimeout())
                .idleTimeout(conf.getIdleTimeout())
                .pduTimeout(conf.getPduTimeout())
                .objectTimeout(conf.getObjectTimeout())
                .maxObjectSize(conf.getMaxObjectSize());
        for (String sopClass : UID.STORAGE_SOP_CLASSES) {
            builder.support(sopClass, transferSyntaxes);
        }
        return builder;
    }

    /**
     * The spool is the queue: the pool's own queue holds only references to spooled objects, so it
     * is unbounded — a bounded one would refuse work that is already acknowledged and stored.
     */
    private static ScheduledExecutorService newWorkerPool(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        // a retry still waiting for its delay is dropped at a stop (its object stays in the spool for the
        // next start) instead of holding the stop up until the drain timeout
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return pool;
    }

    private void submit(SpooledObject object) {
        ScheduledExecutorService pool = workers;
        if (pool != null && !pool.isShutdown()) {
            try {
                pool.execute(() -> process(object));
            } catch (RejectedExecutionException stopping) {
                // the consumer is stopping: the object stays in the spool and is resumed at the next start
            }
        }
    }

    private void process(SpooledObject object) {
        if (stopping) {
            return; // resumed from the spool at the next start
        }
        if (!claims.claim(object)) {
            return; // another worker has this SOP Instance UID and settles the newest copy too
        }
        try {
            processClaimed(object);
        } finally {
            claims.release(object);
        }
    }

    /** Runs one claimed object through the route; true when the route completed. */
    private boolean processClaimed(SpooledObject object) {
        Properties facts;
        try {
            facts = spool.readFacts(object);
        } catch (IOException e) {
            LOG.errorf("Cannot read the facts of spooled %s: %s", object.file().getFileName(), e.getMessage());
            retryLater(object);
            return false;
        }
        String spoolId = facts.getProperty(Spool.SPOOL_ID);
        Exchange exchange = createExchange(false);
        try {
            DicomHeaders.describe(exchange.getIn(), object.file(), facts);
        } catch (NoSuchFileException gone) {
            releaseExchange(exchange, false);
            return true; // processed meanwhile as a newer copy
        } catch (IOException e) {
            LOG.errorf("Spooled %s cannot be read back: %s", object.file().getFileName(), e.getMessage());
            releaseExchange(exchange, false);
            retryLater(object);
            return false;
        }
        String copy = spoolId != null ? spoolId : object.file().getFileName().toString();
        int attempt = failedRuns.getOrDefault(copy, 0) + 1;
        exchange.getIn().setHeader(DicomConstants.ATTEMPT, attempt);
        exchange.getIn().setHeader(DicomConstants.LAST_ATTEMPT, isLastAttempt(attempt, facts));
        String uid = exchange.getIn().getHeader(DicomConstants.SOP_INSTANCE_UID, String.class);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() == null) {
                failedRuns.remove(copy);
                if (!spool.remove(object, spoolId)) {
                    // a resend replaced this copy while it was in the route: the same input, whose
                    // outcome (event or dead letter) now stands
                    spool.remove(object, spool.readFacts(object).getProperty(Spool.SPOOL_ID));
                    LOG.infof("%s was sent again while it was being processed; the resend is settled by the"
                            + " first copy's outcome", LogSafe.text(uid));
                }
                return true;
            }
            if (Boolean.TRUE.equals(exchange.getIn().getHeader(DicomConstants.LAST_ATTEMPT)) && giveUp(exchange)) {
                failedRuns.remove(copy);
                spool.remove(object, spoolId);
                return true;
            }
            failedRuns.put(copy, attempt);
            getExceptionHandler().handleException("Route failed for " + LogSafe.text(uid) + " (attempt " + attempt
                    + "); it stays in the spool", exchange, exchange.getException());
            retryLater(object);
            return false;
        } catch (IOException e) {
            LOG.errorf("Could not remove %s from the spool: %s", LogSafe.text(uid), e.getMessage());
            return true;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /**
     * Hands an object whose last attempt failed to the give-up endpoint; true when it took it (then
     * the object may leave the spool: the endpoint has made its outcome durable, e.g. a dead letter).
     */
    private boolean giveUp(Exchange failed) {
        String uri = endpoint.getConfiguration().getGiveUpUri();
        if (uri == null || uri.isBlank()) {
            return false;
        }
        Exception cause = failed.getException();
        Exchange exchange = failed.copy();
        exchange.setException(null);
        exchange.getIn().setHeader(DicomConstants.FAILURE, cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        try {
            giveUpProducer.send(uri, exchange);
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            LOG.errorf("%s: its last attempt failed and %s did not take it either (%s); it stays in the spool",
                    LogSafe.text(failed.getIn().getHeader(DicomConstants.SOP_INSTANCE_UID, String.class)), uri,
                    exchange.getException().getClass().getSimpleName());
            return false;
        }
        LOG.warnf("%s given up after %s attempts (%s) and handed to %s",
                LogSafe.text(failed.getIn().getHeader(DicomConstants.SOP_INSTANCE_UID, String.class)),
                failed.getIn().getHeader(DicomConstants.ATTEMPT), cause.getClass().getSimpleName(), uri);
        return true;
    }

    /** Whether a failure of this attempt would be the last: too many attempts, or the object is too old. */
    private boolean isLastAttempt(int attempt, Properties facts) {
        DicomConfiguration conf = endpoint.getConfiguration();
        if (attempt >= conf.getMaxAttempts()) {
            return true;
        }
        String receivedAt = facts.getProperty(DicomHeaders.FACT_RECEIVED_AT);
        try {
            return receivedAt != null
                    && Instant.parse(receivedAt).plus(conf.getMaxAge()).isBefore(Instant.now());
        } catch (DateTimeParseException unreadable) {
            return false;
        }
    }

    private void retryLater(SpooledObject object) {
        ScheduledExecutorService pool = workers;
        if (pool != null && !pool.isShutdown()) {
            try {
                pool.schedule(() -> process(object), endpoint.getConfiguration().getRetryDelay().toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // resumed at the next start
            }
        }
    }
}
