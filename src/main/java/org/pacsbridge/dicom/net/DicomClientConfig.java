package org.pacsbridge.dicom.net;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable configuration of a client {@link Association}. Create with {@link #builder()}.
 * Defaults: calling AE "PACSBRIDGE", called AE "ANY-SCP", connect timeout 10 s, ARTIM 30 s (also bounds
 * the wait for A-ASSOCIATE-AC/RJ and A-RELEASE-RP), DIMSE response timeout 60 s, maxPduLengthReceive 262144,
 * TCP_NODELAY on, TCP_QUICKACK on where supported.
 */
public final class DicomClientConfig {
    private final String callingAeTitle;
    private final String calledAeTitle;
    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration artim;
    private final Duration responseTimeout;
    private final int maxPduLengthReceive;
    private final boolean tcpNoDelay;
    private final boolean tcpQuickAck;

    private DicomClientConfig(Builder b) {
        this.callingAeTitle = b.callingAeTitle;
        this.calledAeTitle = b.calledAeTitle;
        this.host = Objects.requireNonNull(b.host, "host");
        this.port = b.port;
        this.connectTimeout = b.connectTimeout;
        this.artim = b.artim;
        this.responseTimeout = b.responseTimeout;
        this.maxPduLengthReceive = b.maxPduLengthReceive;
        this.tcpNoDelay = b.tcpNoDelay;
        this.tcpQuickAck = b.tcpQuickAck;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return our AE title */
    public String callingAeTitle() { return callingAeTitle; }
    /** @return the peer's AE title */
    public String calledAeTitle() { return calledAeTitle; }
    /** @return peer host */
    public String host() { return host; }
    /** @return peer port */
    public int port() { return port; }
    /** @return TCP connect timeout */
    public Duration connectTimeout() { return connectTimeout; }
    /** @return ARTIM: wait for A-ASSOCIATE-AC/RJ, A-RELEASE-RP and transport close */
    public Duration artim() { return artim; }
    /** @return DIMSE response timeout */
    public Duration responseTimeout() { return responseTimeout; }
    /** @return maximum PDU length we announce (0 = unlimited) */
    public int maxPduLengthReceive() { return maxPduLengthReceive; }
    /** @return TCP_NODELAY */
    public boolean tcpNoDelay() { return tcpNoDelay; }
    /** @return TCP_QUICKACK re-arming (where supported) */
    public boolean tcpQuickAck() { return tcpQuickAck; }

    /** Builder for {@link DicomClientConfig}. */
    public static final class Builder {
        private String callingAeTitle = "PACSBRIDGE";
        private String calledAeTitle = "ANY-SCP";
        private String host;
        private int port = 104;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration artim = Duration.ofSeconds(30);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private int maxPduLengthReceive = 262144;
        private boolean tcpNoDelay = true;
        private boolean tcpQuickAck = true;

        private Builder() {
        }

        /** @param v our AE title */
        public Builder callingAeTitle(String v) { this.callingAeTitle = DicomServerConfig.checkAe(v); return this; }
        /** @param v peer AE title */
        public Builder calledAeTitle(String v) { this.calledAeTitle = DicomServerConfig.checkAe(v); return this; }
        /** @param v peer host */
        public Builder host(String v) { this.host = v; return this; }
        /** @param v peer port */
        public Builder port(int v) {
            if (v < 1 || v > 65535) throw new IllegalArgumentException("port"); this.port = v; return this;
        }
        /** @param v connect timeout */
        public Builder connectTimeout(Duration v) { this.connectTimeout = DicomServerConfig.positive(v); return this; }
        /** @param v ARTIM */
        public Builder artim(Duration v) { this.artim = DicomServerConfig.positive(v); return this; }
        /** @param v DIMSE response timeout */
        public Builder responseTimeout(Duration v) { this.responseTimeout = DicomServerConfig.positive(v); return this; }
        /** @param v announced maximum PDU length, 0 = unlimited, else at least 4096 */
        public Builder maxPduLengthReceive(int v) {
            if (v != 0 && v < 4096) throw new IllegalArgumentException("maxPduLengthReceive");
            this.maxPduLengthReceive = v; return this;
        }
        /** @param v TCP_NODELAY */
        public Builder tcpNoDelay(boolean v) { this.tcpNoDelay = v; return this; }
        /** @param v TCP_QUICKACK */
        public Builder tcpQuickAck(boolean v) { this.tcpQuickAck = v; return this; }

        /** @return the configuration */
        public DicomClientConfig build() {
            return new DicomClientConfig(this);
        }
    }
}
