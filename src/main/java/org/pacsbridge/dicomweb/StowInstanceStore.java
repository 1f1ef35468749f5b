package org.pacsbridge.dicomweb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jboss.logging.Logger;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.DicomFormatException;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.RoutingAttributes;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.AssociationInfo;
import org.pacsbridge.dicom.net.CStoreHandler;
import org.pacsbridge.dicom.net.DataSetSink;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.DimseStatusException;
import org.pacsbridge.dicom.net.LogSafe;
import org.pacsbridge.dicom.net.StoreRequest;

/**
 * Stores one Part 10 instance of a STOW-RS request through the Storage SCP's own store handler, as if it had
 * arrived by C-STORE: the file meta gives the SOP Class, SOP Instance and transfer syntax of the store request,
 * and the data set after it is streamed into the handler's sink, which writes, fsyncs and commits it (and applies
 * the duplicate policy and the watermark) exactly as for C-STORE.
 */
final class StowInstanceStore {

    private static final Logger LOG = Logger.getLogger(StowInstanceStore.class);
    /** Bytes of a data set read ahead to find its Study Instance UID before it is stored. */
    static final int HEAD_LIMIT = 1 << 20;
    private static final int BUFFER = 64 * 1024;

    private final CStoreHandler handler;
    private final AssociationInfo origin;

    StowInstanceStore(CStoreHandler handler, AssociationInfo origin) {
        this.handler = handler;
        this.origin = origin;
    }

    /**
     * Stores the instance whose Part 10 bytes {@code part} holds. Failures of the instance itself are its
     * outcome; an {@link IOException} is a failure of the request's body (too large, malformed, cut off).
     *
     * @param expectedStudy the Study Instance UID of the request's URL, or null
     */
    InstanceOutcome store(InputStream part, String expectedStudy) throws IOException {
        BufferedInputStream in = new BufferedInputStream(part, BUFFER);
        FileMeta meta;
        RoutingAttributes head;
        try {
            meta = Part10Reader.readFileMeta(in);
            in.mark(HEAD_LIMIT);
            head = readHead(in, meta);
            in.reset();
        } catch (DicomFormatException e) {
            LOG.warnf("STOW-RS instance from %s refused: not a readable DICOM Part 10 file (%s)", origin.remote(),
                    LogSafe.text(e.getMessage()));
            return new InstanceOutcome(null, null, DimseStatus.CANNOT_UNDERSTAND);
        }
        String sopClass = meta.mediaStorageSopClassUid() != null ? meta.mediaStorageSopClassUid() : head.sopClassUid();
        String sopInstance = meta.mediaStorageSopInstanceUid() != null ? meta.mediaStorageSopInstanceUid()
                : head.sopInstanceUid();
        if (expectedStudy != null && !expectedStudy.equals(head.studyInstanceUid())) {
            LOG.warnf("STOW-RS instance %s refused: it is not of study %s", LogSafe.text(sopInstance),
                    LogSafe.text(expectedStudy));
            return new InstanceOutcome(sopClass, sopInstance, DimseStatus.DATASET_MISMATCH);
        }
        if (!UID.isValid(sopClass) || !UID.isValid(sopInstance)) {
            LOG.warnf("STOW-RS instance from %s refused: invalid SOP Class or Instance UID", origin.remote());
            return new InstanceOutcome(sopClass, sopInstance, DimseStatus.CANNOT_UNDERSTAND);
        }
        StoreRequest request = new StoreRequest(origin, 1, meta.transferSyntaxUid(), sopClass, sopInstance, 0, null);
        DataSetSink sink;
        try {
            sink = handler.begin(request);
        } catch (DimseStatusException refused) {
            return new InstanceOutcome(sopClass, sopInstance, refused.status());
        }
        int status = stream(in, sink, sopInstance);
        // a warning (coercion, elements discarded) still means stored
        boolean stored = DimseStatus.isSuccess(status) || DimseStatus.isWarning(status);
        return new InstanceOutcome(sopClass, sopInstance, stored ? 0 : status);
    }

    /** Streams the data set into the sink and completes it; the status, as the C-STORE-RSP would carry it. */
    private static int stream(InputStream in, DataSetSink sink, String sopInstance) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                try {
                    sink.write(buffer, 0, n);
                } catch (IOException spoolFailed) {
                    sink.abort();
                    LOG.warnf("STOW-RS instance %s could not be spooled: %s", LogSafe.text(sopInstance),
                            spoolFailed.getMessage());
                    drain(in);
                    return DimseStatus.OUT_OF_RESOURCES;
                }
            }
        } catch (IOException | RuntimeException bodyFailed) {
            sink.abort();
            throw bodyFailed;
        }
        try {
            return sink.complete();
        } catch (IOException e) {
            sink.abort();
            LOG.warnf("STOW-RS instance %s could not be spooled: %s", LogSafe.text(sopInstance), e.getMessage());
            return DimseStatus.OUT_OF_RESOURCES;
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] skip = new byte[8192];
        while (in.read(skip) >= 0) {
            // the rest of a part that cannot be stored
        }
    }

    /** The data set's attributes up to its pixel data, read from at most {@link #HEAD_LIMIT} bytes. */
    private static RoutingAttributes readHead(InputStream in, FileMeta meta) throws IOException {
        try {
            return DataSetReader.read(new BoundedView(in, HEAD_LIMIT),
                    TransferSyntax.ofAssumingEncapsulated(meta.transferSyntaxUid()));
        } catch (java.io.EOFException e) {
            throw new DicomFormatException("data set ends early, or its header is longer than " + HEAD_LIMIT + " bytes");
        }
    }

    /** At most {@code limit} bytes of a stream, which is left open. */
    private static final class BoundedView extends InputStream {
        private final InputStream in;
        private long left;

        BoundedView(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the stream goes on
        }
    }
}
