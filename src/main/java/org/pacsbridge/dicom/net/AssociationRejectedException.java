package org.pacsbridge.dicom.net;

/** The peer answered our A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ (PS3.8 9.3.4). */
public class AssociationRejectedException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;
    private final int result;
    private final int source;
    private final int reason;

    /**
     * @param result 1 = rejected-permanent, 2 = rejected-transient
     * @param source 1 = service-user, 2 = service-provider (ACSE), 3 = service-provider (presentation)
     * @param reason reason/diagnostic code, interpreted per source
     */
    public AssociationRejectedException(int result, int source, int reason) {
        super("A-ASSOCIATE-RJ result=" + result + " source=" + source + " reason=" + reason
                + " (" + describe(source, reason) + ")");
        this.result = result;
        this.source = source;
        this.reason = reason;
    }

    /** @return 1 (permanent) or 2 (transient) */
    public int result() { return result; }

    /** @return 1, 2 or 3 */
    public int source() { return source; }

    /** @return reason/diagnostic */
    public int reason() { return reason; }

    /** @return true when result is 1 (rejected-permanent): retrying with the same parameters is pointless */
    public boolean isPermanent() { return result == 1; }

    /** PS3.8 Table 9-21 in words, e.g. "calling AE title not recognized". */
    public static String describe(int source, int reason) {
        switch (source) {
            case 1:
                switch (reason) {
                    case 1: return "no reason given";
                    case 2: return "application context name not supported";
                    case 3: return "calling AE title not recognized";
                    case 7: return "called AE title not recognized";
                    default: return "reserved";
                }
            case 2:
                return reason == 1 ? "no reason given" : reason == 2 ? "protocol version not supported" : "reserved";
            case 3:
                return reason == 1 ? "temporary congestion" : reason == 2 ? "local limit exceeded" : "reserved";
            default:
                return "unknown source";
        }
    }
}
