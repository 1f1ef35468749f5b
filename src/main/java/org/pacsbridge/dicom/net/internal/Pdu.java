package org.pacsbridge.dicom.net.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Encoders and decoders for the upper-layer PDUs of PS3.8 section 9.3. All multi-byte PDU fields are
 * big endian. Decoders validate every length against the enclosing structure and throw
 * {@link PduFormatException} with the A-ABORT reason to use.
 */
public final class Pdu {
    private Pdu() {
    }

    /** A-ASSOCIATE-RQ. */
    public static final int A_ASSOCIATE_RQ = 0x01;
    /** A-ASSOCIATE-AC. */
    public static final int A_ASSOCIATE_AC = 0x02;
    /** A-ASSOCIATE-RJ. */
    public static final int A_ASSOCIATE_RJ = 0x03;
    /** P-DATA-TF. */
    public static final int P_DATA_TF = 0x04;
    /** A-RELEASE-RQ. */
    public static final int A_RELEASE_RQ = 0x05;
    /** A-RELEASE-RP. */
    public static final int A_RELEASE_RP = 0x06;
    /** A-ABORT. */
    public static final int A_ABORT = 0x07;

    /** DICOM application context name. */
    public static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    /** Header length of every PDU: type, reserved, 4-byte length. */
    public static final int HEADER_LENGTH = 6;

    /** A-ABORT reason 0: reason not specified. */
    public static final int ABORT_NOT_SPECIFIED = 0;
    /** A-ABORT reason 1: unrecognized PDU. */
    public static final int ABORT_UNRECOGNIZED_PDU = 1;
    /** A-ABORT reason 2: unexpected PDU. */
    public static final int ABORT_UNEXPECTED_PDU = 2;
    /** A-ABORT reason 4: unrecognized PDU parameter. */
    public static final int ABORT_UNRECOGNIZED_PARAMETER = 4;
    /** A-ABORT reason 5: unexpected PDU parameter. */
    public static final int ABORT_UNEXPECTED_PARAMETER = 5;
    /** A-ABORT reason 6: invalid PDU parameter value. */
    public static final int ABORT_INVALID_PARAMETER_VALUE = 6;

    /** @return the state-machine event for receiving a PDU of a known type (Evt3..Evt16) */
    public static Event receiveEvent(int type) {
        switch (type) {
            case A_ASSOCIATE_RQ: return Event.Evt6;
            case A_ASSOCIATE_AC: return Event.Evt3;
            case A_ASSOCIATE_RJ: return Event.Evt4;
            case P_DATA_TF: return Event.Evt10;
            case A_RELEASE_RQ: return Event.Evt12;
            case A_RELEASE_RP: return Event.Evt13;
            case A_ABORT: return Event.Evt16;
            default: return Event.Evt19;
        }
    }

    /** @return whether the type is one of 01h..07h */
    public static boolean isKnownType(int type) {
        return type >= A_ASSOCIATE_RQ && type <= A_ABORT;
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes an A-ASSOCIATE-RQ ({@code ac == false}) or A-ASSOCIATE-AC ({@code ac == true}) PDU. */
    public static byte[] encodeAssociate(AssociateParams p, boolean ac) {
        Buf b = new Buf();
        b.u8(ac ? A_ASSOCIATE_AC : A_ASSOCIATE_RQ).u8(0).u32(0);
        b.u16(1).u16(0);
        b.ae(p.calledAe).ae(p.callingAe);
        b.zeros(32);
        // 10h application context
        b.item(0x10, ascii(p.applicationContext));
        for (PresentationContext pc : p.contexts) {
            Buf sub = new Buf();
            sub.u8(pc.id).u8(0).u8(ac ? pc.result : 0).u8(0);
            if (ac) {
                String ts = pc.transferSyntax();
                sub.item(0x40, ascii(ts == null ? "1.2.840.10008.1.2" : ts));
            } else {
                sub.item(0x30, ascii(pc.abstractSyntax));
                for (String ts : pc.transferSyntaxes) {
                    sub.item(0x40, ascii(ts));
                }
            }
            b.item(ac ? 0x21 : 0x20, sub.toBytes());
        }
        Buf ui = new Buf();
        if (p.maxPduLength >= 0) {
            ui.item(0x51, new Buf().u32(p.maxPduLength).toBytes());
        }
        if (p.implementationClassUid != null) {
            ui.item(0x52, ascii(p.implementationClassUid));
        }
        if (p.asyncInvoked >= 0) {
            ui.item(0x53, new Buf().u16(p.asyncInvoked).u16(p.asyncPerformed).toBytes());
        }
        for (RoleSelection r : p.roles) {
            byte[] uid = ascii(r.sopClassUid());
            ui.item(0x54, new Buf().u16(uid.length).bytes(uid).u8(r.scuRole()).u8(r.scpRole()).toBytes());
        }
        if (p.implementationVersionName != null) {
            ui.item(0x55, ascii(p.implementationVersionName));
        }
        b.item(0x50, ui.toBytes());
        byte[] out = b.toBytes();
        putU32(out, 2, out.length - HEADER_LENGTH);
        return out;
    }

    /** Encodes an A-ASSOCIATE-RJ PDU. */
    public static byte[] encodeReject(int result, int source, int reason) {
        return new byte[] {A_ASSOCIATE_RJ, 0, 0, 0, 0, 4, 0, (byte) result, (byte) source, (byte) reason};
    }

    /** Encodes an A-ABORT PDU. */
    public static byte[] encodeAbort(int source, int reason) {
        return new byte[] {A_ABORT, 0, 0, 0, 0, 4, 0, 0, (byte) source, (byte) reason};
    }

    /** Encodes an A-RELEASE-RQ PDU. */
    public static byte[] encodeReleaseRq() {
        return new byte[] {A_RELEASE_RQ, 0, 0, 0, 0, 4, 0, 0, 0, 0};
    }

    /** Encodes an A-RELEASE-RP PDU. */
    public static byte[] encodeReleaseRp() {
        return new byte[] {A_RELEASE_RP, 0, 0, 0, 0, 4, 0, 0, 0, 0};
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes the variable part (after the 6-byte header) of an A-ASSOCIATE-RQ or -AC PDU.
     *
     * @param body PDU body
     * @param len  body length
     * @param ac   true when decoding an A-ASSOCIATE-AC
     */
    public static AssociateParams decodeAssociate(byte[] body, int len, boolean ac) throws PduFormatException {
        if (len < 68) {
            throw invalid("A-ASSOCIATE PDU shorter than its fixed fields");
        }
        AssociateParams p = new AssociateParams();
        p.protocolVersion = u16(body, 0);
        p.calledAe = trimAe(body, 4);
        p.callingAe = trimAe(body, 20);
        int pos = 68;
        boolean appCtx = false;
        boolean userInfo = false;
        Set<Integer> ids = new HashSet<>();
        while (pos < len) {
            if (len - pos < 4) {
                throw invalid("truncated item header");
            }
            int type = body[pos] & 0xff;
            int ilen = u16(body, pos + 2);
            int start = pos + 4;
            int end = start + ilen;
            if (end > len) {
                throw invalid("item length exceeds PDU");
            }
            switch (type) {
                case 0x10:
                    p.applicationContext = uid(body, start, ilen);
                    appCtx = true;
                    break;
                case 0x20:
                case 0x21: {
                    if ((type == 0x21) != ac) {
                        throw new PduFormatException(ABORT_UNEXPECTED_PARAMETER, "presentation context item " + Integer.toHexString(type) + " in wrong PDU");
                    }
                    PresentationContext pc = decodeContext(body, start, ilen, ac);
                    if (!ids.add(pc.id)) {
                        throw invalid("duplicate presentation context ID " + pc.id);
                    }
                    p.contexts.add(pc);
                    break;
                }
                case 0x50:
                    decodeUserInfo(body, start, ilen, p);
                    userInfo = true;
                    break;
                default:
                    // Unknown item types are skipped (robustness principle); structure was length-checked.
                    break;
            }
            pos = end;
        }
        if (!appCtx) {
            throw invalid("no application context item");
        }
        if (!userInfo) {
            throw invalid("no user information item");
        }
        if (!ac && p.contexts.isEmpty()) {
            throw invalid("no presentation context item");
        }
        return p;
    }

    private static PresentationContext decodeContext(byte[] b, int off, int len, boolean ac) throws PduFormatException {
        if (len < 4) {
            throw invalid("presentation context item too short");
        }
        PresentationContext pc = new PresentationContext();
        pc.id = b[off] & 0xff;
        if ((pc.id & 1) == 0) {
            throw invalid("even presentation context ID " + pc.id);
        }
        pc.result = b[off + 2] & 0xff;
        int pos = off + 4;
        int end = off + len;
        while (pos < end) {
            if (end - pos < 4) {
                throw invalid("truncated sub-item");
            }
            int type = b[pos] & 0xff;
            int slen = u16(b, pos + 2);
            int s = pos + 4;
            if (s + slen > end) {
                throw invalid("sub-item length exceeds item");
            }
            if (type == 0x30 && !ac) {
                if (pc.abstractSyntax != null) {
                    throw invalid("two abstract syntaxes in one presentation context");
                }
                pc.abstractSyntax = uid(b, s, slen);
            } else if (type == 0x40) {
                pc.transferSyntaxes.add(uid(b, s, slen));
            } else {
                throw new PduFormatException(ABORT_UNEXPECTED_PARAMETER, "unexpected sub-item 0x" + Integer.toHexString(type));
            }
            pos = s + slen;
        }
        if (!ac && (pc.abstractSyntax == null || pc.transferSyntaxes.isEmpty())) {
            throw invalid("presentation context " + pc.id + " lacks abstract or transfer syntax");
        }
        if (ac && pc.result == 0 && pc.transferSyntaxes.size() != 1) {
            throw invalid("accepted presentation context " + pc.id + " needs exactly one transfer syntax");
        }
        return pc;
    }

    private static void decodeUserInfo(byte[] b, int off, int len, AssociateParams p) throws PduFormatException {
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (end - pos < 4) {
                throw invalid("truncated user information sub-item");
            }
            int type = b[pos] & 0xff;
            int slen = u16(b, pos + 2);
            int s = pos + 4;
            if (s + slen > end) {
                throw invalid("user information sub-item length exceeds item");
            }
            switch (type) {
                case 0x51:
                    if (slen != 4) {
                        throw invalid("maximum length sub-item length " + slen);
                    }
                    p.maxPduLength = u32(b, s);
                    break;
                case 0x52:
                    p.implementationClassUid = uid(b, s, slen);
                    break;
                case 0x53:
                    if (slen != 4) {
                        throw invalid("async ops window length " + slen);
                    }
                    p.asyncInvoked = u16(b, s);
                    p.asyncPerformed = u16(b, s + 2);
                    break;
                case 0x54: {
                    if (slen < 4) {
                        throw invalid("role selection too short");
                    }
                    int ulen = u16(b, s);
                    if (ulen + 4 != slen) {
                        throw invalid("role selection UID length");
                    }
                    p.roles.add(new RoleSelection(uid(b, s + 2, ulen), b[s + 2 + ulen] & 0xff, b[s + 3 + ulen] & 0xff));
                    break;
                }
                case 0x55:
                    p.implementationVersionName = new String(b, s, slen, StandardCharsets.US_ASCII).strip();
                    break;
                case 0x56: {
                    if (slen < 2 || u16(b, s) + 2 > slen) {
                        throw invalid("SOP class extended negotiation length");
                    }
                    p.extendedNegotiationSopClasses.add(uid(b, s + 2, u16(b, s)));
                    break;
                }
                case 0x58: {
                    if (slen < 6) {
                        throw invalid("user identity too short");
                    }
                    int plen = u16(b, s + 2);
                    if (4 + plen + 2 > slen || 6 + plen + u16(b, s + 4 + plen) != slen) {
                        throw invalid("user identity lengths");
                    }
                    p.userIdentityPresent = true;
                    p.userIdentityType = b[s] & 0xff;
                    p.userIdentityResponseRequested = b[s + 1] == 1;
                    break;
                }
                default:
                    // 57h (SOP class common extended negotiation), 59h and unknown items: ignored.
                    break;
            }
            pos = s + slen;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static PduFormatException invalid(String m) {
        return new PduFormatException(ABORT_INVALID_PARAMETER_VALUE, m);
    }

    /** Reads a big-endian unsigned 16-bit value. */
    public static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    /** Reads a big-endian unsigned 32-bit value. */
    public static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 24) | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** Writes a big-endian 32-bit value. */
    public static void putU32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static String trimAe(byte[] b, int off) {
        return new String(b, off, 16, StandardCharsets.US_ASCII).strip();
    }

    private static String uid(byte[] b, int off, int len) throws PduFormatException {
        int e = off + len;
        while (e > off && (b[e - 1] == 0 || b[e - 1] == ' ')) {
            e--;
        }
        if (e - off > 64 || e == off) {
            throw invalid("UID length " + (e - off));
        }
        for (int i = off; i < e; i++) {
            int c = b[i];
            if (!((c >= '0' && c <= '9') || c == '.')) {
                throw invalid("invalid character in UID");
            }
        }
        return new String(b, off, e - off, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Small growable big-endian byte builder. */
    private static final class Buf {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Buf u8(int v) {
            out.write(v);
            return this;
        }

        Buf u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Buf u32(long v) {
            u16((int) (v >>> 16));
            return u16((int) v);
        }

        Buf zeros(int n) {
            for (int i = 0; i < n; i++) {
                out.write(0);
            }
            return this;
        }

        Buf bytes(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        Buf ae(String ae) {
            byte[] a = new byte[16];
            java.util.Arrays.fill(a, (byte) ' ');
            byte[] s = ascii(ae);
            System.arraycopy(s, 0, a, 0, Math.min(16, s.length));
            return bytes(a);
        }

        Buf item(int type, byte[] value) {
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("item too long");
            }
            return u8(type).u8(0).u16(value.length).bytes(value);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
