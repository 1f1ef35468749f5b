package org.pacsbridge.dicom.net;

/** The association was ended by an A-ABORT (received from the peer, or issued locally after a protocol error). */
public class AssociationAbortedException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;
    private final int source;
    private final int reason;

    /**
     * @param source 0 = service-user, 2 = service-provider
     * @param reason 0 not specified, 1 unrecognized PDU, 2 unexpected PDU, 4 unrecognized PDU parameter,
     *               5 unexpected PDU parameter, 6 invalid PDU parameter value
     */
    public AssociationAbortedException(int source, int reason) {
        this(source, reason, "A-ABORT source=" + source + " reason=" + reason);
    }

    /** Same as {@link #AssociationAbortedException(int, int)} with a custom message. */
    public AssociationAbortedException(int source, int reason, String message) {
        super(message);
        this.source = source;
        this.reason = reason;
    }

    /** @return abort source (0 service-user, 2 service-provider) */
    public int source() { return source; }

    /** @return abort reason/diagnostic */
    public int reason() { return reason; }
}
