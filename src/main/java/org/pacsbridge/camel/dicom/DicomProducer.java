package org.pacsbridge.camel.dicom;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.jboss.logging.Logger;
import org.pacsbridge.dicom.DicomFormatException;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.Association;
import org.pacsbridge.dicom.net.AssociationRejectedException;
import org.pacsbridge.dicom.net.DicomClientConfig;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.NoPresentationContextException;
import org.pacsbridge.dicom.net.PresentationContextRequest;

/**
 * The Storage SCU. The body is a Part 10 file ({@link File}, {@link Path} or its name) or a
 * collection of them; all are sent on one association, each with C-STORE, and the association is
 * released afterwards. With {@code operation=echo} it sends a C-ECHO instead. A failure is thrown
 * as a {@link DicomProducerException} that says whether it is transient.
 */
public class DicomProducer extends DefaultProducer {

    private static final Logger LOG = Logger.getLogger(DicomProducer.class);

    /** PS3.8: presentation context IDs are odd numbers 1..255. */
    private static final int MAX_PRESENTATION_CONTEXTS = 128;

    private final DicomEndpoint endpoint;

    public DicomProducer(DicomEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if ("echo".equals(endpoint.getConfiguration().getOperation())) {
            echo(exchange);
        } else {
            store(exchange, files(exchange));
        }
    }

    private void echo(Exchange exchange) throws DicomProducerException {
        List<PresentationContextRequest> contexts = List.of(
                new PresentationContextRequest(UID.Verification, List.of(UID.ImplicitVRLittleEndian)));
        try (Association association = open(contexts)) {
            int status = association.echo();
            exchange.getMessage().setHeader(DicomConstants.STATUS, status);
            if (DimseStatus.isFailure(status)) {
                throw new DicomStatusException(status, "C-ECHO");
            }
            association.release();
        } catch (IOException e) {
            throw connectionFailure(e);
        }
    }

    private void store(Exchange exchange, List<Path> files) throws DicomProducerException {
        Map<Path, FileMeta> metas = new LinkedHashMap<>();
        for (Path file : files) {
            metas.put(file, readMeta(file));
        }
        int stored = 0;
        int lastStatus = DimseStatus.SUCCESS;
        try (Association association = open(contexts(metas.values()))) {
            for (Map.Entry<Path, FileMeta> entry : metas.entrySet()) {
                String uid = entry.getValue().mediaStorageSopInstanceUid();
                try {
                    lastStatus = association.store(entry.getKey());
                } catch (NoPresentationContextException e) {
                    throw new DicomUnsupportedObjectException(endpoint.getAddress() + " accepted no presentation context for "
                            + uid + " (" + entry.getValue().mediaStorageSopClassUid() + ", "
                            + entry.getValue().transferSyntaxUid() + ")", e);
                }
                if (DimseStatus.isFailure(lastStatus)) {
                    throw new DicomStatusException(lastStatus, uid);
                }
                if (DimseStatus.isWarning(lastStatus)) {
                    LOG.warnf("%s stored %s with warning %04X (%s)", endpoint.getAddress(), uid, lastStatus,
                            DimseStatus.describe(lastStatus));
                }
                stored++;
            }
            association.release();
        } catch (IOException e) {
            throw connectionFailure(e);
        } finally {
            exchange.getMessage().setHeader(DicomConstants.STATUS, lastStatus);
            exchange.getMessage().setHeader(DicomConstants.STORED_COUNT, stored);
        }
        LOG.debugf("Stored %d objects at %s", stored, endpoint.getAddress());
    }

    private Association open(List<PresentationContextRequest> contexts) throws IOException, DicomProducerException {
        DicomConfiguration conf = endpoint.getConfiguration();
        DicomAddress address = endpoint.getAddress();
        DicomClientConfig client = DicomClientConfig.builder()
                .callingAeTitle(conf.getCallingAeTitle())
                .calledAeTitle(address.aeTitle())
                .host(address.host())
                .port(address.port())
                .connectTimeout(conf.getConnectTimeout())
                .artim(conf.getArtim())
                .responseTimeout(conf.getResponseTimeout())
                .maxPduLengthReceive(conf.getMaxPduLength())
                .build();
        try {
            return Association.open(client, contexts);
        } catch (AssociationRejectedException e) {
            throw new DicomAssociationRejectedException(address.toString(), e);
        }
    }

    /** One presentation context per SOP class and transfer syntax the files are in. */
    static List<PresentationContextRequest> contexts(Collection<FileMeta> metas) throws DicomUnsupportedObjectException {
        Map<String, Set<String>> bySopClass = new LinkedHashMap<>();
        for (FileMeta meta : metas) {
            bySopClass.computeIfAbsent(meta.mediaStorageSopClassUid(), k -> new LinkedHashSet<>())
                    .add(meta.transferSyntaxUid());
        }
        List<PresentationContextRequest> contexts = new ArrayList<>();
        bySopClass.forEach((sopClass, syntaxes) -> {
            for (String ts : syntaxes) {
                // a context per transfer syntax, so the peer cannot pick one the file is not in
                contexts.add(new PresentationContextRequest(sopClass, List.of(ts)));
            }
        });
        if (contexts.size() > MAX_PRESENTATION_CONTEXTS) {
            throw new DicomUnsupportedObjectException("The batch needs " + contexts.size()
                    + " presentation contexts (SOP class and transfer syntax pairs); one association carries at most "
                    + MAX_PRESENTATION_CONTEXTS + ": send it in smaller batches", null);
        }
        return contexts;
    }

    private static FileMeta readMeta(Path file) throws DicomUnsupportedObjectException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            return Part10Reader.readFileMeta(in);
        } catch (DicomFormatException e) {
            throw new DicomUnsupportedObjectException(file.getFileName() + " is not a DICOM Part 10 file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DicomUnsupportedObjectException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Path> files(Exchange exchange) throws DicomUnsupportedObjectException {
        Object body = exchange.getMessage().getBody();
        List<Path> files = new ArrayList<>();
        if (body instanceof Collection<?> collection) {
            for (Object item : collection) {
                files.add(toPath(exchange, item));
            }
        } else {
            files.add(toPath(exchange, body));
        }
        if (files.isEmpty()) {
            throw new DicomUnsupportedObjectException("Nothing to send: the body is an empty collection", null);
        }
        return files;
    }

    private static Path toPath(Exchange exchange, Object item) throws DicomUnsupportedObjectException {
        if (item instanceof Path path) {
            return path;
        }
        if (item instanceof File file) {
            return file.toPath();
        }
        File converted = item == null ? null : exchange.getContext().getTypeConverter().tryConvertTo(File.class, exchange, item);
        if (converted == null) {
            throw new DicomUnsupportedObjectException("The body must be a file, a path or a list of them, not "
                    + (item == null ? "null" : item.getClass().getName()), null);
        }
        return converted.toPath();
    }

    private DicomProducerException connectionFailure(IOException e) {
        return new DicomConnectionException("DICOM exchange with " + endpoint.getAddress() + " failed: " + e.getMessage(), e);
    }
}
