package org.pacsbridge.camel.dicom.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.DicomHeaders;
import org.pacsbridge.dicom.DataSetReader;
import org.pacsbridge.dicom.DicomFormatException;
import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.Part10Writer;
import org.pacsbridge.dicom.RoutingAttributes;
import org.pacsbridge.dicom.TransferSyntax;
import org.pacsbridge.dicom.net.DataSetSink;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.LogSafe;
import org.pacsbridge.dicom.net.StoreRequest;

/**
 * Streams one received data set into a Part 10 file in the spool's {@code incoming/} directory and,
 * when the last fragment has arrived, checks that it can be read, fsyncs it (unless the spool syncs nothing)
 * and commits it.
 * Memory use is one buffer, whatever the object's size. The spool's free space is checked again after
 * every {@value #FREE_SPACE_CHECK_INTERVAL} bytes written: a large object must not take the disk below the
 * watermark that the check at its start only saw from above. Below it, writing fails with
 * {@link SpoolFullException}; the SCP then deletes the partial file and answers A700 once the data set has
 * arrived.
 */
final class SpoolWriter implements DataSetSink {

    private static final Logger LOG = Logger.getLogger(SpoolWriter.class);
    private static final int BUFFER = 64 * 1024;
    /** Bytes of each object kept in memory for the parse check: file meta and header of nearly every object. */
    static final int HEAD_COPY = 64 * 1024;
    static final long FREE_SPACE_CHECK_INTERVAL = 1L << 20;

    private final Spool spool;
    private final StoreRequest request;
    private final boolean discard;
    private final Consumer<SpooledObject> onStored;
    private final Path file;
    private SpoolOutput fileOut;
    private HeadCopy head;
    private BufferedOutputStream out;
    private long sinceFreeSpaceCheck;

    SpoolWriter(Spool spool, StoreRequest request, boolean discard, Consumer<SpooledObject> onStored) {
        this.spool = spool;
        this.request = request;
        this.discard = discard;
        this.onStored = onStored;
        this.file = spool.newIncomingFile();
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (discard) {
            return;
        }
        if (out == null) {
            open();
        }
        out.write(buf, off, len);
        sinceFreeSpaceCheck += len;
        if (sinceFreeSpaceCheck >= FREE_SPACE_CHECK_INTERVAL) {
            sinceFreeSpaceCheck = 0;
            checkFreeSpace();
        }
    }

    private void checkFreeSpace() throws IOException {
        out.flush(); // the space the bytes written so far take is counted
        if (spool.belowWatermark()) {
            LOG.warnf("Spool fell below its free-space watermark while receiving %s from %s: partial object deleted,"
                    + " C-STORE refused with A700", LogSafe.text(request.affectedSopInstanceUid()),
                    LogSafe.text(request.association().callingAeTitle()));
            throw new SpoolFullException();
        }
    }

    /** The spool's free space fell below its watermark while an object was written. */
    static final class SpoolFullException extends IOException {
        private static final long serialVersionUID = 1L;

        SpoolFullException() {
            super("spool below its free-space watermark");
        }
    }

    private void open() throws IOException {
        fileOut = spool.open(file);
        head = new HeadCopy(fileOut, HEAD_COPY);
        out = new BufferedOutputStream(head, BUFFER);
        FileMeta meta = FileMeta.ofThisImplementation(request.affectedSopClassUid(), request.affectedSopInstanceUid(),
                request.transferSyntaxUid());
        String callingAe = request.association().callingAeTitle();
        if (isWritableAeTitle(callingAe)) {
            meta = meta.withSourceAeTitle(callingAe);
        }
        Part10Writer.writeFileMeta(out, meta);
    }

    /** An AE title the file meta can carry (PS3.5 AE: 16 characters of the default repertoire, no backslash). */
    private static boolean isWritableAeTitle(String ae) {
        return ae != null && !ae.isEmpty() && ae.length() <= 16
                && ae.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\\');
    }

    @Override
    public int complete() throws IOException {
        if (discard) {
            LOG.infof("Duplicate %s from %s ignored: already spooled", LogSafe.text(request.affectedSopInstanceUid()),
                    LogSafe.text(request.association().callingAeTitle()));
            // the spooled copy may have been renamed into place an instant ago, its directory sync still due
            spool.awaitDurable();
            return DimseStatus.SUCCESS;
        }
        if (out == null) {
            open();
        }
        out.flush();
        if (!readable()) {
            closeQuietly();
            Files.deleteIfExists(file);
            return DimseStatus.CANNOT_UNDERSTAND;
        }
        spool.force(fileOut);
        out.close();
        out = null;
        SpooledObject stored = spool.commit(file, request.affectedSopInstanceUid(), facts());
        onStored.accept(stored);
        return DimseStatus.SUCCESS;
    }

    /**
     * Parses the file meta and the data set's header attributes as written; pixel data is not read. From the
     * copy of the file's first bytes kept in memory, unless the parse reached past it (a header longer than
     * {@value #HEAD_COPY} bytes): then from the file, as the outcome may depend on what follows.
     */
    private boolean readable() throws IOException {
        RoutingAttributes attributes;
        try {
            attributes = parseHead();
            if (attributes == null) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
                    attributes = parse(in);
                }
            }
        } catch (DicomFormatException e) {
            LOG.warnf("C-STORE of %s from %s refused: the data set cannot be parsed (%s)",
                    LogSafe.text(request.affectedSopInstanceUid()), LogSafe.text(request.association().callingAeTitle()),
                    LogSafe.text(e.getMessage()));
            return false;
        }
        if (attributes.sopInstanceUid() != null && !attributes.sopInstanceUid().equals(request.affectedSopInstanceUid())) {
            LOG.warnf("C-STORE of %s from %s carries a data set with SOP Instance UID %s",
                    LogSafe.text(request.affectedSopInstanceUid()), LogSafe.text(request.association().callingAeTitle()),
                    LogSafe.text(attributes.sopInstanceUid()));
        }
        return true;
    }

    /** The attributes parsed from the bytes kept in memory; null when they do not settle the outcome. */
    private RoutingAttributes parseHead() throws IOException {
        HeadCopy.Reader in = head.read();
        try {
            RoutingAttributes attributes = parse(in);
            return in.exhausted() && !head.whole() ? null : attributes;
        } catch (IOException e) {
            if (in.exhausted() && !head.whole()) {
                return null;
            }
            throw e;
        }
    }

    private static RoutingAttributes parse(InputStream in) throws IOException {
        FileMeta meta = Part10Reader.readFileMeta(in);
        return DataSetReader.read(in, TransferSyntax.ofAssumingEncapsulated(meta.transferSyntaxUid()));
    }

    private Properties facts() {
        Properties facts = new Properties();
        facts.setProperty("sopInstanceUid", request.affectedSopInstanceUid());
        facts.setProperty("sopClassUid", request.affectedSopClassUid());
        facts.setProperty("transferSyntaxUid", request.transferSyntaxUid());
        facts.setProperty(DicomHeaders.FACT_CALLING_AE, request.association().callingAeTitle());
        facts.setProperty(DicomHeaders.FACT_CALLED_AE, request.association().calledAeTitle());
        facts.setProperty(DicomHeaders.FACT_REMOTE_ADDRESS, String.valueOf(request.association().remote()));
        facts.setProperty(DicomHeaders.FACT_RECEIVED_AT, Instant.now().toString());
        return facts;
    }

    @Override
    public void abort() {
        closeQuietly();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete the partial object %s: %s", file, e.getMessage());
        }
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the file is deleted next; nothing of it is kept
            }
            out = null;
        }
    }
}
