package org.pacsbridge.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.pacsbridge.dicom.FileMeta;
import org.pacsbridge.dicom.Part10Reader;
import org.pacsbridge.dicom.Part10Writer;
import org.pacsbridge.dicom.UID;

/**
 * Test objects: small synthetic radiographs as Part 10 files (explicit VR little endian) with the
 * attributes the node routes on, and a pixel matrix of the size asked for.
 */
public final class DicomFiles {

    public static final String CR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1";
    public static final String DX_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";

    private DicomFiles() {
    }

    /** A fresh UID under the 2.25 (UUID) root. */
    public static String newUid() {
        UUID uuid = UUID.randomUUID();
        return "2.25." + new java.math.BigInteger(1, toBytes(uuid));
    }

    /** A chest radiograph (CR, PA view) with rows × columns 16-bit pixels (12 stored). */
    public static Path chestRadiograph(Path dir, String sopInstanceUid, String accessionNumber, int rows, int columns)
            throws IOException {
        return chestRadiograph(dir, sopInstanceUid, accessionNumber, rows, columns, 16);
    }

    /** A chest radiograph with 8 or 16 bits allocated per pixel. */
    public static Path chestRadiograph(Path dir, String sopInstanceUid, String accessionNumber, int rows, int columns,
            int bitsAllocated) throws IOException {
        return image(dir, new Kind(CR_IMAGE_STORAGE, "CR", "CHEST", "XR CHEST PA", "PA"), sopInstanceUid, accessionNumber,
                rows, columns, bitsAllocated);
    }

    /** What an image is: SOP class, modality, body part, study description, view position. */
    public record Kind(String sopClassUid, String modality, String bodyPart, String studyDescription, String viewPosition) {
    }

    public static final Kind DX_CHEST = new Kind(DX_FOR_PRESENTATION, "DX", "CHEST", "XR CHEST PA", "PA");
    public static final Kind DX_HAND = new Kind(DX_FOR_PRESENTATION, "DX", "HAND", "XR HAND LEFT", "PA");
    public static final Kind CT_CHEST = new Kind("1.2.840.10008.5.1.4.1.1.2", "CT", "CHEST", "CT CHEST", null);

    /** An image of the given kind with rows × columns pixels. */
    public static Path image(Path dir, Kind kind, String sopInstanceUid, String accessionNumber, int rows, int columns,
            int bitsAllocated) throws IOException {
        ByteArrayOutputStream ds = attributes(kind, sopInstanceUid, accessionNumber, rows, columns, bitsAllocated);
        Path file = dir.resolve(sopInstanceUid + ".dcm");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Part10Writer.writeFileMeta(out, FileMeta.ofThisImplementation(kind.sopClassUid(), sopInstanceUid,
                    UID.ExplicitVRLittleEndian));
            ds.writeTo(out);
            int bytesPerPixel = bitsAllocated / 8;
            header(out, 0x7FE00010, bitsAllocated == 8 ? "OB" : "OW", (long) bytesPerPixel * rows * columns);
            byte[] row = new byte[bytesPerPixel * columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    int v = (r * 7 + c * 3) & (bitsAllocated == 8 ? 0xFF : 0x0FFF);
                    row[bytesPerPixel * c] = (byte) v;
                    if (bytesPerPixel == 2) {
                        row[2 * c + 1] = (byte) (v >> 8);
                    }
                }
                out.write(row);
            }
        }
        return file;
    }

    /**
     * A chest radiograph in a compressed transfer syntax whose pixel data is one encapsulated
     * fragment holding {@code fragment} (the node stores such objects as received, never decodes them).
     */
    public static Path encapsulated(Path dir, String sopInstanceUid, String transferSyntaxUid, byte[] fragment)
            throws IOException {
        ByteArrayOutputStream ds = attributes(new Kind(CR_IMAGE_STORAGE, "CR", "CHEST", "XR CHEST PA", "PA"),
                sopInstanceUid, "ENC", 64, 64, 16);
        Path file = dir.resolve(sopInstanceUid + ".dcm");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Part10Writer.writeFileMeta(out, FileMeta.ofThisImplementation(CR_IMAGE_STORAGE, sopInstanceUid,
                    transferSyntaxUid));
            ds.writeTo(out);
            header(out, 0x7FE00010, "OB", 0xFFFFFFFFL);
            item(out, 0xFFFEE000, 0);
            int padded = fragment.length + (fragment.length % 2);
            item(out, 0xFFFEE000, padded);
            out.write(fragment);
            if (padded != fragment.length) {
                out.write(0);
            }
            item(out, 0xFFFEE0DD, 0);
        }
        return file;
    }

    /**
     * A chest radiograph whose pixels are not in the data set but referenced by Pixel Data Provider URL
     * (0028,7FE0), as the JPIP referenced transfer syntaxes have it; the data set deflated (raw deflate,
     * PS3.5 A.7) when {@code deflated}.
     */
    public static Path pixelsByReference(Path dir, String sopInstanceUid, String transferSyntaxUid, boolean deflated,
            String providerUrl) throws IOException {
        ByteArrayOutputStream ds = attributes(new Kind(CR_IMAGE_STORAGE, "CR", "CHEST", "XR CHEST PA", "PA"),
                sopInstanceUid, "JPIP", 64, 64, 16);
        text(ds, 0x00287FE0, "UR", providerUrl);
        Path file = dir.resolve(sopInstanceUid + ".dcm");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Part10Writer.writeFileMeta(out, FileMeta.ofThisImplementation(CR_IMAGE_STORAGE, sopInstanceUid,
                    transferSyntaxUid));
            if (!deflated) {
                ds.writeTo(out);
            } else {
                ByteArrayOutputStream compressed = new ByteArrayOutputStream();
                java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
                try (var deflating = new java.util.zip.DeflaterOutputStream(compressed, deflater)) {
                    ds.writeTo(deflating);
                } finally {
                    deflater.end();
                }
                if (compressed.size() % 2 == 1) {
                    compressed.write(0); // PS3.5 A.5: one trailing NUL after an odd-length stream
                }
                compressed.writeTo(out);
            }
        }
        return file;
    }

    private static ByteArrayOutputStream attributes(Kind kind, String sopInstanceUid, String accessionNumber, int rows,
            int columns, int bitsAllocated) throws IOException {
        String studyUid = newUid();
        ByteArrayOutputStream ds = new ByteArrayOutputStream();
        text(ds, 0x00080008, "CS", "ORIGINAL\\PRIMARY");
        text(ds, 0x00080016, "UI", kind.sopClassUid());
        text(ds, 0x00080018, "UI", sopInstanceUid);
        text(ds, 0x00080020, "DA", "20261123");
        text(ds, 0x00080050, "SH", accessionNumber);
        text(ds, 0x00080060, "CS", kind.modality());
        text(ds, 0x00080068, "CS", "FOR PRESENTATION");
        text(ds, 0x00080080, "LO", "GENERAL HOSPITAL");
        text(ds, 0x00080090, "PN", "REFERRER^DOCTOR");
        text(ds, 0x00081030, "LO", kind.studyDescription());
        text(ds, 0x0008103E, "LO", kind.studyDescription());
        text(ds, 0x00100010, "PN", "TEST^PATIENT");
        text(ds, 0x00100020, "LO", "PID-" + accessionNumber);
        text(ds, 0x00100030, "DA", "19610203");
        text(ds, 0x00180015, "CS", kind.bodyPart());
        if (kind.viewPosition() != null) {
            text(ds, 0x00185101, "CS", kind.viewPosition());
        }
        text(ds, 0x0020000D, "UI", studyUid);
        text(ds, 0x0020000E, "UI", newUid());
        us(ds, 0x00280002, 1);
        text(ds, 0x00280004, "CS", "MONOCHROME2");
        us(ds, 0x00280010, rows);
        us(ds, 0x00280011, columns);
        us(ds, 0x00280100, bitsAllocated);
        us(ds, 0x00280101, bitsAllocated == 8 ? 8 : 12);
        us(ds, 0x00280102, bitsAllocated == 8 ? 7 : 11);
        us(ds, 0x00280103, 0);
        return ds;
    }

    private static void item(OutputStream out, int tag, long length) throws IOException {
        le16(out, tag >>> 16);
        le16(out, tag & 0xFFFF);
        le32(out, length);
    }

    /** The bytes of a Part 10 file after its file meta information: the data set as sent. */
    public static byte[] dataSet(Path part10) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(part10))) {
            Part10Reader.readFileMeta(in);
            return in.readAllBytes();
        }
    }

    public static String transferSyntax(Path part10) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(part10))) {
            return Part10Reader.readFileMeta(in).transferSyntaxUid();
        }
    }

    private static void text(ByteArrayOutputStream out, int tag, String vr, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        int length = bytes.length + (bytes.length % 2);
        header(out, tag, vr, length);
        out.write(bytes);
        if (bytes.length % 2 == 1) {
            out.write(vr.equals("UI") ? 0 : ' ');
        }
    }

    private static void us(ByteArrayOutputStream out, int tag, int value) throws IOException {
        header(out, tag, "US", 2);
        out.write(value & 0xFF);
        out.write((value >> 8) & 0xFF);
    }

    private static void header(OutputStream out, int tag, String vr, long length) throws IOException {
        le16(out, tag >>> 16);
        le16(out, tag & 0xFFFF);
        out.write(vr.charAt(0));
        out.write(vr.charAt(1));
        if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") || vr.equals("UT")
                || vr.equals("UR")) {
            le16(out, 0);
            le32(out, length);
        } else {
            le16(out, (int) length);
        }
    }

    private static void le16(OutputStream out, int v) throws IOException {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }

    private static void le32(OutputStream out, long v) throws IOException {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >> (8 * i)) & 0xFF);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits());
        buffer.putLong(uuid.getLeastSignificantBits());
        return buffer.array();
    }
}
