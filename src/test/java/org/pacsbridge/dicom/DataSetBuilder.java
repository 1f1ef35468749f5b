package org.pacsbridge.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/** Builds encoded data sets byte by byte for tests, in any of the native encodings. */
final class DataSetBuilder {

    static final long UNDEFINED = 0xFFFFFFFFL;

    final boolean explicitVr;
    final boolean bigEndian;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private DataSetBuilder(boolean explicitVr, boolean bigEndian) {
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }

    static DataSetBuilder implicitLittle() {
        return new DataSetBuilder(false, false);
    }

    static DataSetBuilder explicitLittle() {
        return new DataSetBuilder(true, false);
    }

    static DataSetBuilder explicitBig() {
        return new DataSetBuilder(true, true);
    }

    /** An empty builder of the same encoding, for items. */
    DataSetBuilder item() {
        return new DataSetBuilder(explicitVr, bigEndian);
    }

    DataSetBuilder text(int tag, VR vr, String value) {
        return text(tag, vr, value, StandardCharsets.ISO_8859_1);
    }

    DataSetBuilder text(int tag, VR vr, String value, Charset charset) {
        byte[] bytes = value.getBytes(charset);
        if (bytes.length % 2 != 0) {
            byte[] padded = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, padded, 0, bytes.length);
            padded[bytes.length] = vr.paddingByte();
            bytes = padded;
        }
        return bytes(tag, vr, bytes);
    }

    DataSetBuilder bytes(int tag, VR vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    DataSetBuilder unsignedShort(int tag, int value) {
        header(tag, VR.US, 2);
        u16(value);
        return this;
    }

    /** Only the header of an element; {@code vr} is ignored in implicit VR and for items/delimiters. */
    DataSetBuilder header(int tag, VR vr, long length) {
        u16(Tag.group(tag));
        u16(Tag.element(tag));
        if (Tag.group(tag) == 0xFFFE || !explicitVr) {
            u32(length);
        } else {
            out.write(vr.name().charAt(0));
            out.write(vr.name().charAt(1));
            if (vr.usesLongLength()) {
                u16(0);
                u32(length);
            } else {
                u16((int) length);
            }
        }
        return this;
    }

    /** A sequence of items; undefined length makes both sequence and items delimited. */
    DataSetBuilder sequence(int tag, boolean undefinedLength, DataSetBuilder... items) {
        return sequence(tag, VR.SQ, undefinedLength, items);
    }

    /** A sequence with the given VR (SQ, or UN whose items must then be implicit little endian). */
    DataSetBuilder sequence(int tag, VR vr, boolean undefinedLength, DataSetBuilder... items) {
        DataSetBuilder body = new DataSetBuilder(explicitVr, bigEndian);
        // item and delimiter headers only: their byte order is what matters
        DataSetBuilder itemEncoding = vr == VR.UN ? implicitLittle() : new DataSetBuilder(explicitVr, bigEndian);
        for (DataSetBuilder item : items) {
            byte[] content = item.toByteArray();
            itemEncoding.out.reset();
            itemEncoding.header(Tag.Item, null, undefinedLength ? UNDEFINED : content.length);
            body.out.writeBytes(itemEncoding.out.toByteArray());
            body.out.writeBytes(content);
            if (undefinedLength) {
                itemEncoding.out.reset();
                itemEncoding.header(Tag.ItemDelimitationItem, null, 0);
                body.out.writeBytes(itemEncoding.out.toByteArray());
            }
        }
        if (undefinedLength) {
            itemEncoding.out.reset();
            itemEncoding.header(Tag.SequenceDelimitationItem, null, 0);
            body.out.writeBytes(itemEncoding.out.toByteArray());
        }
        byte[] content = body.toByteArray();
        header(tag, vr, undefinedLength ? UNDEFINED : content.length);
        out.writeBytes(content);
        return this;
    }

    /** Encapsulated pixel data (PS3.5 A.4): an empty basic offset table, then the fragments. */
    DataSetBuilder encapsulatedPixelData(int tag, byte[]... fragments) {
        header(tag, VR.OB, UNDEFINED);
        header(Tag.Item, null, 0);
        for (byte[] fragment : fragments) {
            header(Tag.Item, null, fragment.length);
            out.writeBytes(fragment);
        }
        header(Tag.SequenceDelimitationItem, null, 0);
        return this;
    }

    DataSetBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8 & 0xFF);
            out.write(v & 0xFF);
        } else {
            out.write(v & 0xFF);
            out.write(v >>> 8 & 0xFF);
        }
    }

    private void u32(long v) {
        if (bigEndian) {
            u16((int) (v >>> 16 & 0xFFFF));
            u16((int) (v & 0xFFFF));
        } else {
            u16((int) (v & 0xFFFF));
            u16((int) (v >>> 16 & 0xFFFF));
        }
    }

    /** Raw deflate (no zlib header), as PS3.5 A.5 requires. */
    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
