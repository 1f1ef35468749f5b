package org.pacsbridge.dicom.net;

import org.pacsbridge.tls.TlsServerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of a {@link DicomServer}. Create with {@link #builder()}.
 *
 * <p>Defaults: port 0 (ephemeral), called AE "PACSBRIDGE", any calling AE, any address,
 * {@code maxPduLengthReceive} 262144 (256 KiB: the maximum P-DATA-TF PDU length we announce in item 51h;
 * large enough to keep per-PDU overhead negligible, small enough that a PDU fits our 64 KiB read
 * buffer in four reads), {@code maxPduLengthAccepted} 4194304 (4 MiB: the hard bound for any incoming PDU
 * length; peers that ignore our announced maximum but stay under this are tolerated, above it the
 * association is aborted with A-ABORT source 2 reason 6 "invalid PDU parameter value"),
 * {@code maxAssociations} 32, {@code maxPresentationContexts} 128, ARTIM 30 s, association request
 * timeout 30 s, idle timeout 5 min, PDU timeout 60 s (a whole PDU from its first byte), object timeout 10 min (a
 * whole DIMSE message, command and data set), maximum object size 2 GiB (data set bytes of one C-STORE),
 * TCP_NODELAY and TCP_QUICKACK on.
 * Verification (1.2.840.10008.1.1, Implicit VR LE) is always supported. No TLS unless {@link Builder#tls} is set.
 */
public final class DicomServerConfig {
    /** Verification SOP class UID. */
    static final String VERIFICATION = "1.2.840.10008.1.1";
    /** Implicit VR Little Endian. */
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    /** Explicit VR Little Endian. */
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private final String bindHost;
    private final int port;
    private final String calledAeTitle;
    private final Set<String> allowedCallingAeTitles;
    private final Set<String> allowedRemoteAddresses;
    private final Set<java.net.InetAddress> allowedRemoteInetAddresses;
    private final Map<String, List<String>> supported;
    private final int maxPduLengthReceive;
    private final int maxPduLengthAccepted;
    private final int maxAssociations;
    private final int maxPresentationContexts;
    private final Duration artim;
    private final Duration associationRequestTimeout;
    private final Duration idleTimeout;
    private final Duration pduTimeout;
    private final Duration objectTimeout;
    private final long maxObjectSize;
    private final boolean tcpNoDelay;
    private final boolean tcpQuickAck;
    private final AssociationObserver observer;
    private final TlsServerConfig tls;
    private final javax.net.ssl.SSLContext tlsContext;

    private DicomServerConfig(Builder b) {
        this.bindHost = b.bindHost;
        this.port = b.port;
        this.calledAeTitle = b.calledAeTitle;
        this.allowedCallingAeTitles = Set.copyOf(b.allowedCallingAeTitles);
        this.allowedRemoteAddresses = Set.copyOf(b.allowedRemoteAddresses);
        this.allowedRemoteInetAddresses = resolve(b.allowedRemoteAddresses);
        Map<String, List<String>> m = new LinkedHashMap<>();
        b.supported.forEach((k, v) -> m.put(k, List.copyOf(v)));
        m.putIfAbsent(VERIFICATION, List.of(IMPLICIT_LE, EXPLICIT_LE));
        this.supported = java.util.Collections.unmodifiableMap(m);
        this.maxPduLengthReceive = b.maxPduLengthReceive;
        this.maxPduLengthAccepted = b.maxPduLengthAccepted;
        this.maxAssociations = b.maxAssociations;
        this.maxPresentationContexts = b.maxPresentationContexts;
        this.artim = b.artim;
        this.associationRequestTimeout = b.associationRequestTimeout;
        this.idleTimeout = b.idleTimeout;
        this.pduTimeout = b.pduTimeout;
        this.objectTimeout = b.objectTimeout;
        this.maxObjectSize = b.maxObjectSize;
        this.tcpNoDelay = b.tcpNoDelay;
        this.tcpQuickAck = b.tcpQuickAck;
        this.observer = b.observer;
        this.tls = b.tls;
        this.tlsContext = b.tlsContext;
    }

    /** @return a builder with the defaults described in the class comment */
    public static Builder builder() {
        return new Builder();
    }

    /** @return host/address to bind, or null for the wildcard address */
    public String bindHost() { return bindHost; }
    /** @return TCP port, 0 = ephemeral */
    public int port() { return port; }
    /** @return our AE title; requests calling another title are rejected (reason 7) */
    public String calledAeTitle() { return calledAeTitle; }
    /** @return calling AE titles allowed; empty = any */
    public Set<String> allowedCallingAeTitles() { return allowedCallingAeTitles; }
    /** @return remote IP addresses (textual) allowed; empty = any */
    public Set<String> allowedRemoteAddresses() { return allowedRemoteAddresses; }

    /** The allow-list as addresses, so that "::1" and "0:0:0:0:0:0:0:1" are the same entry. */
    public Set<java.net.InetAddress> allowedRemoteInetAddresses() { return allowedRemoteInetAddresses; }

    private static Set<java.net.InetAddress> resolve(Set<String> addresses) {
        Set<java.net.InetAddress> resolved = new java.util.HashSet<>();
        for (String address : addresses) {
            try {
                resolved.add(java.net.InetAddress.getByName(address.strip()));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("allowed remote address is not an address: " + address, e);
            }
        }
        return Set.copyOf(resolved);
    }
    /** @return abstract syntax UID to transfer syntaxes in SCP preference order (always includes Verification) */
    public Map<String, List<String>> supported() { return supported; }
    /** @return maximum PDU length we announce (item 51h) */
    public int maxPduLengthReceive() { return maxPduLengthReceive; }
    /** @return hard upper bound for incoming PDU lengths */
    public int maxPduLengthAccepted() { return maxPduLengthAccepted; }
    /** @return maximum concurrently handled associations */
    public int maxAssociations() { return maxAssociations; }
    /** @return maximum presentation contexts accepted per association; further ones are rejected (result 2) */
    public int maxPresentationContexts() { return maxPresentationContexts; }
    /** @return ARTIM timer */
    public Duration artim() { return artim; }
    /** @return upper bound for receiving a complete A-ASSOCIATE-RQ PDU once its first byte arrived */
    public Duration associationRequestTimeout() { return associationRequestTimeout; }
    /** @return time without any incoming PDU after which an established association is aborted */
    public Duration idleTimeout() { return idleTimeout; }
    /** @return time within which a whole PDU must arrive once its first byte has, whatever the read pattern */
    public Duration pduTimeout() { return pduTimeout; }
    /** @return time within which a whole DIMSE message (command and data set) must arrive from its first command fragment */
    public Duration objectTimeout() { return objectTimeout; }
    /** @return largest data set of one message, in bytes; a larger one is aborted while it arrives */
    public long maxObjectSize() { return maxObjectSize; }
    /** @return whether TCP_NODELAY is set on accepted sockets */
    public boolean tcpNoDelay() { return tcpNoDelay; }
    /** @return whether TCP_QUICKACK is re-armed after reads (Linux only; ignored elsewhere) */
    public boolean tcpQuickAck() { return tcpQuickAck; }

    public AssociationObserver observer() { return observer; }
    /** @return TLS settings, or null for plain TCP */
    public TlsServerConfig tls() { return tls; }
    /** @return an SSL context whose server sockets the caller has set up, or null */
    public javax.net.ssl.SSLContext tlsContext() { return tlsContext; }
    /** @return whether the port speaks TLS, from {@link #tls()} or {@link #tlsContext()} */
    public boolean secured() { return tls != null || tlsContext != null; }

    /** Builder for {@link DicomServerConfig}. */
    public static final class Builder {
        private String bindHost;
        private int port;
        private String calledAeTitle = "PACSBRIDGE";
        private Set<String> allowedCallingAeTitles = Set.of();
        private Set<String> allowedRemoteAddresses = Set.of();
        private Map<String, List<String>> supported = new LinkedHashMap<>();
        private int maxPduLengthReceive = 262144;
        private int maxPduLengthAccepted = 4 * 1024 * 1024;
        private int maxAssociations = 32;
        private int maxPresentationContexts = 128;
        private Duration artim = Duration.ofSeconds(30);
        private Duration associationRequestTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration pduTimeout = Duration.ofSeconds(60);
        private Duration objectTimeout = Duration.ofMinutes(10);
        private long maxObjectSize = 2L << 30;
        private boolean tcpNoDelay = true;
        private boolean tcpQuickAck = true;
        private AssociationObserver observer = AssociationObserver.NONE;
        private TlsServerConfig tls;
        private javax.net.ssl.SSLContext tlsContext;

        private Builder() {
        }

        /** @param v host/address to bind (null = all) */
        public Builder bindHost(String v) { this.bindHost = v; return this; }
        /** @param v port (0 = ephemeral) */
        public Builder port(int v) {
            if (v < 0 || v > 65535) throw new IllegalArgumentException("port");
            this.port = v; return this;
        }
        /** @param v our AE title (1..16 characters) */
        public Builder calledAeTitle(String v) { this.calledAeTitle = checkAe(v); return this; }
        /** @param v allowed calling AE titles (empty = any) */
        public Builder allowedCallingAeTitles(Set<String> v) { this.allowedCallingAeTitles = Set.copyOf(v); return this; }
        /** @param v allowed remote IP addresses (empty = any) */
        public Builder allowedRemoteAddresses(Set<String> v) { this.allowedRemoteAddresses = Set.copyOf(v); return this; }
        /** @param v abstract syntax to transfer syntaxes (SCP preference order); replaces previous entries */
        public Builder supported(Map<String, List<String>> v) { this.supported = new LinkedHashMap<>(v); return this; }
        /** Adds one supported abstract syntax with its transfer syntaxes in preference order. */
        public Builder support(String abstractSyntaxUid, String... transferSyntaxUids) {
            this.supported.put(abstractSyntaxUid, List.of(transferSyntaxUids)); return this;
        }
        /** @param v announced maximum PDU length (at least 4096) */
        public Builder maxPduLengthReceive(int v) {
            if (v < 4096) throw new IllegalArgumentException("maxPduLengthReceive < 4096");
            this.maxPduLengthReceive = v; return this;
        }
        /** @param v hard bound for incoming PDU lengths (at least 4096) */
        public Builder maxPduLengthAccepted(int v) {
            if (v < 4096) throw new IllegalArgumentException("maxPduLengthAccepted < 4096");
            this.maxPduLengthAccepted = v; return this;
        }
        /** @param v maximum concurrent associations (&gt;= 1) */
        public Builder maxAssociations(int v) {
            if (v < 1) throw new IllegalArgumentException("maxAssociations"); this.maxAssociations = v; return this;
        }
        /** @param v maximum presentation contexts per association (1..128) */
        public Builder maxPresentationContexts(int v) {
            if (v < 1 || v > 128) throw new IllegalArgumentException("maxPresentationContexts");
            this.maxPresentationContexts = v; return this;
        }
        /** @param v ARTIM timer */
        public Builder artim(Duration v) { this.artim = positive(v); return this; }
        /** @param v A-ASSOCIATE-RQ receive timeout */
        public Builder associationRequestTimeout(Duration v) { this.associationRequestTimeout = positive(v); return this; }
        /** @param v idle timeout of established associations */
        public Builder idleTimeout(Duration v) { this.idleTimeout = positive(v); return this; }
        /** @param v time for one whole PDU from its first byte */
        public Builder pduTimeout(Duration v) { this.pduTimeout = positive(v); return this; }
        /** @param v time for one whole DIMSE message from its first command fragment */
        public Builder objectTimeout(Duration v) { this.objectTimeout = positive(v); return this; }
        /** @param v largest data set in bytes (&gt;= 1) */
        public Builder maxObjectSize(long v) {
            if (v < 1) throw new IllegalArgumentException("maxObjectSize"); this.maxObjectSize = v; return this;
        }
        /** @param v TCP_NODELAY */
        public Builder tcpNoDelay(boolean v) { this.tcpNoDelay = v; return this; }

        /** @param v told about associations and stores (e.g. for metrics) */
        public Builder observer(AssociationObserver v) { this.observer = java.util.Objects.requireNonNull(v); return this; }
        /** @param v TCP_QUICKACK re-arming */
        public Builder tcpQuickAck(boolean v) { this.tcpQuickAck = v; return this; }
        /** @param v TLS on every accepted connection (null = plain TCP) */
        public Builder tls(TlsServerConfig v) { this.tls = v; return this; }
        /**
         * @param v TLS on every accepted connection from a ready SSL context (null = plain TCP); of what its server
         *          sockets enable, only TLSv1.3/TLSv1.2 and the BCP 195 cipher suites stay enabled
         */
        public Builder tlsContext(javax.net.ssl.SSLContext v) { this.tlsContext = v; return this; }

        /** @return the configuration */
        public DicomServerConfig build() {
            if (tls != null && tlsContext != null) {
                throw new IllegalArgumentException("TLS from either a TlsServerConfig or an SSLContext, not both");
            }
            if (maxPduLengthAccepted < maxPduLengthReceive) {
                maxPduLengthAccepted = maxPduLengthReceive;
            }
            return new DicomServerConfig(this);
        }
    }

    static String checkAe(String v) {
        Objects.requireNonNull(v, "AE title");
        String t = v.strip();
        if (t.isEmpty() || t.length() > 16 || v.chars().anyMatch(c -> c < 0x20 || c > 0x7e || c == '\\')) {
            throw new IllegalArgumentException("invalid AE title");
        }
        return t;
    }

    static Duration positive(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration must be > 0");
        return d;
    }
}
