package org.pacsbridge.dicom.net.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set (PS3.7 section 6.3 / 9.3 / E.1): group 0000 elements encoded in Implicit VR Little
 * Endian, (0000,0000) Command Group Length first. Values are kept as raw bytes keyed by tag.
 */
public final class CommandSet {
    /** (0000,0002) Affected SOP Class UID. */
    public static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    /** (0000,0100) Command Field. */
    public static final int COMMAND_FIELD = 0x00000100;
    /** (0000,0110) Message ID. */
    public static final int MESSAGE_ID = 0x00000110;
    /** (0000,0120) Message ID Being Responded To. */
    public static final int MESSAGE_ID_RESPONDED = 0x00000120;
    /** (0000,0700) Priority. */
    public static final int PRIORITY = 0x00000700;
    /** (0000,0800) Command Data Set Type. */
    public static final int DATA_SET_TYPE = 0x00000800;
    /** (0000,0900) Status. */
    public static final int STATUS = 0x00000900;
    /** (0000,0902) Error Comment. */
    public static final int ERROR_COMMENT = 0x00000902;
    /** (0000,1000) Affected SOP Instance UID. */
    public static final int AFFECTED_SOP_INSTANCE_UID = 0x00001000;
    /** (0000,1030) Move Originator Application Entity Title. */
    public static final int MOVE_ORIGINATOR_AE = 0x00001030;
    /** (0000,1031) Move Originator Message ID. */
    public static final int MOVE_ORIGINATOR_MESSAGE_ID = 0x00001031;

    /** C-STORE-RQ. */
    public static final int C_STORE_RQ = 0x0001;
    /** C-STORE-RSP. */
    public static final int C_STORE_RSP = 0x8001;
    /** C-ECHO-RQ. */
    public static final int C_ECHO_RQ = 0x0030;
    /** C-ECHO-RSP. */
    public static final int C_ECHO_RSP = 0x8030;
    /** Command Data Set Type: no data set. */
    public static final int NO_DATA_SET = 0x0101;

    private final TreeMap<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);

    /** Sets an US (2-byte) element. */
    public CommandSet putUS(int tag, int value) {
        elements.put(tag, new byte[] {(byte) value, (byte) (value >>> 8)});
        return this;
    }

    /** Sets a UI element (padded with NUL to even length). */
    public CommandSet putUID(int tag, String uid) {
        elements.put(tag, pad(uid.getBytes(StandardCharsets.US_ASCII), (byte) 0));
        return this;
    }

    /** Sets a string element (AE, LO: padded with space to even length). */
    public CommandSet putString(int tag, String s) {
        elements.put(tag, pad(s.getBytes(StandardCharsets.US_ASCII), (byte) ' '));
        return this;
    }

    /** @return whether the element is present */
    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** @return US value, or -1 if absent or not 2 bytes long */
    public int getUS(int tag) {
        byte[] v = elements.get(tag);
        if (v == null || v.length != 2) {
            return -1;
        }
        return (v[0] & 0xff) | (v[1] & 0xff) << 8;
    }

    /** @return string value with trailing NUL/space trimmed (leading spaces kept), or null */
    public String getString(int tag) {
        byte[] v = elements.get(tag);
        if (v == null) {
            return null;
        }
        int e = v.length;
        while (e > 0 && (v[e - 1] == 0 || v[e - 1] == ' ')) {
            e--;
        }
        return new String(v, 0, e, StandardCharsets.US_ASCII);
    }

    /** @return the encoded command set including (0000,0000) */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        int groupLength = 0;
        for (Map.Entry<Integer, byte[]> e : elements.entrySet()) {
            if (e.getKey() != 0) {
                groupLength += 8 + e.getValue().length;
            }
        }
        writeElement(out, 0, new byte[] {(byte) groupLength, (byte) (groupLength >>> 8), (byte) (groupLength >>> 16), (byte) (groupLength >>> 24)});
        for (Map.Entry<Integer, byte[]> e : elements.entrySet()) {
            if (e.getKey() != 0) {
                writeElement(out, e.getKey(), e.getValue());
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes an implicit VR LE command set.
     *
     * @throws PduFormatException (reason 6) if malformed or not group 0000
     */
    public static CommandSet decode(byte[] b, int len) throws PduFormatException {
        CommandSet cs = new CommandSet();
        int pos = 0;
        while (pos < len) {
            if (len - pos < 8) {
                throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "truncated command element");
            }
            int group = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8;
            int elem = (b[pos + 2] & 0xff) | (b[pos + 3] & 0xff) << 8;
            long vlen = ((b[pos + 4] & 0xffL)) | (b[pos + 5] & 0xffL) << 8 | (b[pos + 6] & 0xffL) << 16 | (b[pos + 7] & 0xffL) << 24;
            pos += 8;
            if (group != 0 || vlen > len - pos) {
                throw new PduFormatException(Pdu.ABORT_INVALID_PARAMETER_VALUE, "malformed command set");
            }
            byte[] v = new byte[(int) vlen];
            System.arraycopy(b, pos, v, 0, v.length);
            cs.elements.put(elem, v);
            pos += v.length;
        }
        return cs;
    }

    private static void writeElement(ByteArrayOutputStream out, int tag, byte[] v) {
        out.write(tag >>> 16);
        out.write(tag >>> 24);
        out.write(tag);
        out.write(tag >>> 8);
        int l = v.length;
        out.write(l);
        out.write(l >>> 8);
        out.write(l >>> 16);
        out.write(l >>> 24);
        out.write(v, 0, v.length);
    }

    private static byte[] pad(byte[] b, byte padByte) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] r = java.util.Arrays.copyOf(b, b.length + 1);
        r[b.length] = padByte;
        return r;
    }
}
