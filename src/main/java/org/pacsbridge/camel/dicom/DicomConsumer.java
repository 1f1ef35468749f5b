package org.pacsbridge.camel.dicom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.jboss.logging.Logger;
import org.pacsbridge.NodeHome;
import org.pacsbridge.camel.dicom.internal.Spool;
import org.pacsbridge.camel.dicom.internal.SpooledObject;
import org.pacsbridge.camel.dicom.internal.SpoolingStoreHandler;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.RoutingAttributes;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.DicomServer;
import org.pacsbridge.dicom.net.DicomServerConfig;

/**
 * The Storage SCP. C-STORE success is answered once an object is durable in the spool; then the
 * object runs through the route from there, one exchange per object (body: the spooled Part 10
 * file). When the route completes, the object leaves the spool; when it fails, the object stays and
 * is tried again after {@code retryDelay}, and at the next start.
 */
public class DicomConsumer extends DefaultConsumer {

    private static final Logger LOG = Logger.getLogger(DicomConsumer.class);

    private final DicomEndpoint endpoint;
    private Spool spool;
    private DicomServer server;
    private ScheduledExecutorService workers;

    public DicomConsumer(DicomEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    /** The port the SCP listens on (useful when configured as 0). */
    public int getLocalPort() {
        return server == null ? -1 : server.localPort();
    }

    public Spool getSpool() {
        return spool;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        DicomConfiguration conf = endpoint.getConfiguration();
        DicomAddress address = endpoint.getAddress();
        spool = new Spool(NodeHome.resolve(conf.getSpoolDir()), conf.getMinFreeSpace());
        workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newScheduledThreadPool(this, "dicom-spool-" + address.aeTitle(), conf.getConcurrentConsumers());
        List<SpooledObject> pending = spool.pending();
        if (!pending.isEmpty()) {
            LOG.infof("Resuming %d spooled objects without a recorded outcome", pending.size());
            pending.forEach(this::submit);
        }
        server = new DicomServer(serverConfig(conf, address),
                new SpoolingStoreHandler(spool, conf.getDuplicatePolicy(), this::submit));
        server.start();
        LOG.infof("DICOM Storage SCP %s listening on %s:%d, spool %s", address.aeTitle(), address.host(),
                server.localPort(), spool.objectsDir().getParent());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
        if (workers != null) {
            // objects not processed yet stay in the spool and are resumed at the next start
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(workers);
            workers = null;
        }
        super.doStop();
    }

    private static DicomServerConfig serverConfig(DicomConfiguration conf, DicomAddress address) {
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
                .idleTimeout(conf.getIdleTimeout());
        String[] transferSyntaxes = StorageTransferSyntaxes.inPreferenceOrder();
        for (String sopClass : UID.STORAGE_SOP_CLASSES) {
            builder.support(sopClass, transferSyntaxes);
        }
        return builder.build();
    }

    private void submit(SpooledObject object) {
        ScheduledExecutorService pool = workers;
        if (pool != null && !pool.isShutdown()) {
            pool.execute(() -> process(object));
        }
    }

    private void process(SpooledObject object) {
        Properties facts;
        try {
            facts = spool.readFacts(object);
        } catch (IOException e) {
            LOG.errorf("Cannot read the facts of spooled %s: %s", object.file().getFileName(), e.getMessage());
            retryLater(object);
            return;
        }
        String spoolId = facts.getProperty(Spool.SPOOL_ID);
        Exchange exchange = createExchange(false);
        try {
            describe(exchange.getIn(), object, facts);
        } catch (NoSuchFileException gone) {
            releaseExchange(exchange, false);
            return; // processed meanwhile as a newer copy
        } catch (IOException e) {
            LOG.errorf("Spooled %s cannot be read back: %s", object.file().getFileName(), e.getMessage());
            releaseExchange(exchange, false);
            retryLater(object);
            return;
        }
        String uid = exchange.getIn().getHeader(DicomConstants.SOP_INSTANCE_UID, String.class);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() == null) {
                spool.remove(object, spoolId);
            } else {
                getExceptionHandler().handleException("Route failed for " + uid + "; it stays in the spool", exchange,
                        exchange.getException());
                retryLater(object);
            }
        } catch (IOException e) {
            LOG.errorf("Could not remove %s from the spool: %s", uid, e.getMessage());
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void retryLater(SpooledObject object) {
        ScheduledExecutorService pool = workers;
        if (pool != null && !pool.isShutdown()) {
            pool.schedule(() -> process(object), endpoint.getConfiguration().getRetryDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private static void describe(Message message, SpooledObject object, Properties facts) throws IOException {
        FileMeta meta;
        RoutingAttributes attributes;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(object.file()), 16 * 1024)) {
            meta = Part10Reader.readFileMeta(in);
            attributes = DataSetReader.read(in, TransferSyntax.ofAssumingEncapsulated(meta.transferSyntaxUid()));
        }
        message.setBody(object.file().toFile());
        Map<String, Object> headers = message.getHeaders();
        putIfNotNull(headers, DicomConstants.SOP_INSTANCE_UID, meta.mediaStorageSopInstanceUid());
        putIfNotNull(headers, DicomConstants.SOP_CLASS_UID, meta.mediaStorageSopClassUid());
        putIfNotNull(headers, DicomConstants.TRANSFER_SYNTAX_UID, meta.transferSyntaxUid());
        putIfNotNull(headers, DicomConstants.STUDY_INSTANCE_UID, attributes.studyInstanceUid());
        putIfNotNull(headers, DicomConstants.SERIES_INSTANCE_UID, attributes.seriesInstanceUid());
        putIfNotNull(headers, DicomConstants.ACCESSION_NUMBER, attributes.accessionNumber());
        putIfNotNull(headers, DicomConstants.PATIENT_ID, attributes.patientId());
        putIfNotNull(headers, DicomConstants.ISSUER_OF_PATIENT_ID, attributes.issuerOfPatientId());
        putIfNotNull(headers, DicomConstants.MODALITY, attributes.modality());
        putIfNotNull(headers, DicomConstants.BODY_PART_EXAMINED, attributes.bodyPartExamined());
        putIfNotNull(headers, DicomConstants.VIEW_POSITION, attributes.viewPosition());
        headers.put(DicomConstants.IMAGE_TYPE, attributes.imageType());
        putIfNotNull(headers, DicomConstants.STUDY_DESCRIPTION, attributes.studyDescription());
        putIfNotNull(headers, DicomConstants.SERIES_DESCRIPTION, attributes.seriesDescription());
        putIfNotNull(headers, DicomConstants.PRESENTATION_INTENT_TYPE, attributes.presentationIntentType());
        putIfNotNull(headers, DicomConstants.STUDY_DATE, attributes.studyDate());
        putIfNotNull(headers, DicomConstants.CALLING_AE_TITLE, facts.getProperty("callingAeTitle"));
        putIfNotNull(headers, DicomConstants.CALLED_AE_TITLE, facts.getProperty("calledAeTitle"));
        putIfNotNull(headers, DicomConstants.REMOTE_ADDRESS, facts.getProperty("remoteAddress"));
        putIfNotNull(headers, DicomConstants.RECEIVED_AT, facts.getProperty("receivedAt"));
    }

    private static void putIfNotNull(Map<String, Object> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
