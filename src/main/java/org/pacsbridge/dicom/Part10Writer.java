package org.pacsbridge.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes the header of a DICOM file (PS3.10 section 7): a zeroed 128-byte preamble, "DICM" and the
 * File Meta Information in explicit VR little endian, after which the caller writes the data set in
 * the transfer syntax named there.
 */
public final class Part10Writer {

    private static final byte[] VERSION = {0x00, 0x01};
    private static final int MAX_SHORT_TEXT = 16; // SH and AE

    private Part10Writer() {
    }

    /**
     * Writes preamble, prefix and group 0002: group length, version 00\01, media storage SOP class
     * and instance, transfer syntax, implementation class UID and, when present, implementation
     * version name and source AE title. A null implementation class UID writes this node's class UID
     * and version name. Does not flush or close {@code out}.
     *
     * @throws IllegalArgumentException if a UID is missing or not a valid UID, or a version name or
     *                                  AE title is longer than 16 characters or not printable ASCII
     */
    public static void writeFileMeta(OutputStream out, FileMeta meta) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(meta, "meta");
        String implementationClass = meta.implementationClassUid();
        String versionName = meta.implementationVersionName();
        if (implementationClass == null) {
            implementationClass = UID.IMPLEMENTATION_CLASS;
            versionName = UID.IMPLEMENTATION_VERSION_NAME;
        }

        ByteArrayOutputStream group = new ByteArrayOutputStream(256);
        writeElement(group, Tag.FileMetaInformationVersion, VR.OB, VERSION);
        writeElement(group, Tag.MediaStorageSOPClassUID, VR.UI, uid("Media Storage SOP Class UID", meta.mediaStorageSopClassUid()));
        writeElement(group, Tag.MediaStorageSOPInstanceUID, VR.UI, uid("Media Storage SOP Instance UID", meta.mediaStorageSopInstanceUid()));
        writeElement(group, Tag.TransferSyntaxUID, VR.UI, uid("Transfer Syntax UID", meta.transferSyntaxUid()));
        writeElement(group, Tag.ImplementationClassUID, VR.UI, uid("Implementation Class UID", implementationClass));
        if (versionName != null && !versionName.isEmpty()) {
            writeElement(group, Tag.ImplementationVersionName, VR.SH, shortText("Implementation Version Name", versionName));
        }
        if (meta.sourceAeTitle() != null && !meta.sourceAeTitle().isBlank()) {
            writeElement(group, Tag.SourceApplicationEntityTitle, VR.AE, shortText("Source AE Title", meta.sourceAeTitle()));
        }

        ByteArrayOutputStream file = new ByteArrayOutputStream(Part10Reader.PREAMBLE_LENGTH + 16 + group.size());
        file.write(new byte[Part10Reader.PREAMBLE_LENGTH]);
        file.write(new byte[] {'D', 'I', 'C', 'M'});
        writeElement(file, Tag.FileMetaInformationGroupLength, VR.UL, littleEndianInt(group.size()));
        group.writeTo(file);
        file.writeTo(out);
    }

    private static byte[] uid(String what, String value) {
        if (!UID.isValid(value)) {
            throw new IllegalArgumentException(what + " is not a valid UID: " + value);
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] shortText(String what, String value) {
        if (value.length() > MAX_SHORT_TEXT) {
            throw new IllegalArgumentException(what + " longer than " + MAX_SHORT_TEXT + " characters: " + value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException(what + " contains a character not allowed: " + value);
            }
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /** One explicit VR little endian element, its value padded to even length with the VR's padding byte. */
    private static void writeElement(ByteArrayOutputStream out, int tag, VR vr, byte[] value) {
        int paddedLength = value.length + (value.length & 1);
        writeShort(out, Tag.group(tag));
        writeShort(out, Tag.element(tag));
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.usesLongLength()) {
            writeShort(out, 0);
            out.writeBytes(littleEndianInt(paddedLength));
        } else {
            writeShort(out, paddedLength);
        }
        out.writeBytes(value);
        if (paddedLength != value.length) {
            out.write(vr.paddingByte());
        }
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >>> 8 & 0xFF);
    }

    private static byte[] littleEndianInt(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }
}
