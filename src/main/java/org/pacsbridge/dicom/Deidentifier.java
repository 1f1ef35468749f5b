package org.pacsbridge.dicom;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Writes a de-identified copy of a DICOM Part 10 image for sending it outside the hospital (for
 * example to an AI service): the copy holds only the attributes of {@link ImageAllowList}, what an
 * image model needs plus what keeps the copy a valid image object, each emptied or replaced where the
 * Basic Application Level Confidentiality Profile of PS3.15 Annex E.1 asks. Everything else —
 * private attributes, free text, dates, references, sequences not on the list — is left out.
 *
 * <p>The source is streamed: element values are copied through a bounded buffer and pixel data,
 * native or encapsulated, is never held in memory, so memory use does not grow with the object.
 * Instance UIDs are replaced by UIDs derived from them and the node's salt, so that objects of one
 * study keep sharing their new Study and Series Instance UIDs. Patient Identity Removed,
 * De-identification Method and De-identification Method Code Sequence are added.
 *
 * <p>Explicit VR little endian, implicit VR little endian, explicit VR big endian and the
 * encapsulated transfer syntaxes are written in the transfer syntax they were read in; deflated
 * data sets are inflated and written as explicit VR little endian. The file meta of the copy names
 * this node as implementation, the new SOP Instance UID and no source AE title.
 *
 * <p>The copy is written to a temporary file beside {@code target} and moved into place when
 * complete, so {@code target} never holds a partial copy.
 */
public final class Deidentifier {

    private static final int BUFFER_SIZE = 64 * 1024;

    private Deidentifier() {
    }

    /**
     * Streams {@code source} (Part 10) to a de-identified {@code target} (Part 10), replacing
     * {@code target} if it exists.
     *
     * @return what was removed and replaced, and the new UIDs
     * @throws DicomFormatException if the source is not a well-formed Part 10 file, lacks SOP Class
     *                              or SOP Instance UID, or uses a transfer syntax not supported
     * @throws IOException          if reading or writing fails
     */
    public static DeidentificationReport deidentify(Path source, Path target, DeidentificationOptions options)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");

        SourceIdentity identity = SourceIdentity.read(source);
        DerivedUids uids = new DerivedUids(options.uidSalt());
        String newSopInstanceUid = uids.replace(identity.sopInstanceUid());
        TransferSyntax written = identity.transferSyntax().deflated()
                ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : identity.transferSyntax();
        FileMeta meta = FileMeta.ofThisImplementation(identity.sopClassUid(), newSopInstanceUid, written.uid());

        Path directory = target.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(directory, ".deidentify-", ".part");
        try {
            DeidentificationReport report;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(source), BUFFER_SIZE);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), BUFFER_SIZE)) {
                Part10Reader.readFileMeta(in);
                Part10Writer.writeFileMeta(out, meta);
                report = copyDataSet(in, identity.transferSyntax(), out, new DeidentificationProfile(options), uids);
            }
            moveIntoPlace(partial, target);
            return new DeidentificationReport(report.removed(), report.replaced(), report.uidsReplaced(),
                    report.newStudyInstanceUid(), report.newSeriesInstanceUid(), newSopInstanceUid);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    private static DeidentificationReport copyDataSet(InputStream in, TransferSyntax ts, OutputStream out,
            DeidentificationProfile profile, DerivedUids uids) throws IOException {
        Encoding encoding = Encoding.of(ts); // deflate changes neither VR form nor byte order
        if (!ts.deflated()) {
            return copy(in, encoding, out, profile, uids);
        }
        Inflater inflater = new Inflater(true); // PS3.5 A.5: raw deflate, no zlib header
        try {
            // buffered on top of the inflater as well: the copier looks ahead with mark/reset
            InputStream inflated = new BufferedInputStream(new InflaterInputStream(in, inflater, BUFFER_SIZE), BUFFER_SIZE);
            return copy(inflated, encoding, out, profile, uids);
        } finally {
            inflater.end();
        }
    }

    private static DeidentificationReport copy(InputStream in, Encoding encoding, OutputStream out,
            DeidentificationProfile profile, DerivedUids uids) throws IOException {
        DeidentifyingCopier copier = new DeidentifyingCopier(new DicomInput(in), new DicomOutput(out), profile, uids);
        copier.copyDataSet(encoding);
        return copier.report();
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What must be known before the copy's file meta is written: read in a first, short pass. */
    private record SourceIdentity(TransferSyntax transferSyntax, String sopClassUid, String sopInstanceUid) {

        /** Reads file meta and the data set up to its pixel data, where SOP Class and Instance UID are. */
        static SourceIdentity read(Path source) throws IOException {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(source), BUFFER_SIZE)) {
                FileMeta meta = Part10Reader.readFileMeta(in);
                TransferSyntax ts = TransferSyntax.find(meta.transferSyntaxUid()).orElseThrow(
                        () -> new DicomFormatException("Unsupported transfer syntax " + meta.transferSyntaxUid()));
                RoutingAttributes attributes = DataSetReader.read(in, ts);
                String sopClass = attributes.sopClassUid() != null
                        ? attributes.sopClassUid() : meta.mediaStorageSopClassUid();
                String sopInstance = attributes.sopInstanceUid() != null
                        ? attributes.sopInstanceUid() : meta.mediaStorageSopInstanceUid();
                if (!UID.isValid(sopClass)) {
                    throw new DicomFormatException("No valid SOP Class UID in data set or file meta");
                }
                if (sopInstance == null) {
                    throw new DicomFormatException("No SOP Instance UID in data set or file meta");
                }
                return new SourceIdentity(ts, sopClass, sopInstance);
            }
        }
    }
}
