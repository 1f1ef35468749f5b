package org.pacsbridge.camel.dicom;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/** Options of a dicom: endpoint (dicom:AET@host:port?option=value); on the component, the defaults of its endpoints. */
@UriParams
public class DicomConfiguration implements Cloneable {

    // --- consumer (Storage SCP) ---
    @UriParam(label = "consumer", defaultValue = "data/spool", description = "Directory of the durable spool: objects are acknowledged once fsynced here (see spoolSync); a relative one is resolved against the component's spoolBaseDirectory")
    private String spoolDir = "data/spool";
    @UriParam(label = "consumer", defaultValue = "1073741824",
            description = "Free bytes the spool's file system must keep; below it C-STORE answers A700 (out of resources)")
    private long minFreeSpace = 1L << 30;
    @UriParam(label = "consumer", defaultValue = "PER_OBJECT", enums = "PER_OBJECT,NONE",
            description = "What is forced to disk before C-STORE success: PER_OBJECT fsyncs each object's file and the"
                    + " spool directory after its rename (one directory fsync covers the objects completed at the same"
                    + " time on all associations); NONE fsyncs nothing, the atomic rename still makes each object"
                    + " visible whole: safe against a crash of the node, not against a power loss")
    private SpoolSync spoolSync = SpoolSync.PER_OBJECT;
    @UriParam(label = "consumer", description = "Comma-separated calling AE titles allowed to associate; empty = any")
    private String allowedCallingAeTitles;
    @UriParam(label = "consumer", description = "Comma-separated remote IP addresses allowed to associate; empty = any")
    private String allowedRemoteAddresses;
    @UriParam(label = "consumer", description = "Comma-separated transfer syntax UIDs the SCP accepts for storage, kept"
            + " in its own order of preference; empty = every syntax it knows (PS3.6 Table A-1, retired ones"
            + " included). A presentation context proposing none of them is rejected with result 4 (transfer"
            + " syntaxes not supported)")
    private String transferSyntaxes;
    @UriParam(label = "consumer", defaultValue = "32", description = "Concurrent associations; more are rejected (transient)")
    private int maxAssociations = 32;
    @UriParam(label = "consumer", defaultValue = "REPLACE", description = "Same SOP Instance UID while the first is still spooled")
    private DuplicatePolicy duplicatePolicy = DuplicatePolicy.REPLACE;
    @UriParam(label = "consumer", defaultValue = "2", description = "Threads that run received objects through the route")
    private int concurrentConsumers = 2;
    @UriParam(label = "consumer", defaultValue = "60s", description = "Delay before a spooled object whose route failed is tried again")
    private Duration retryDelay = Duration.ofSeconds(60);
    @UriParam(label = "consumer", defaultValue = "100",
            description = "Attempts after which a spooled object whose route keeps failing is given up: its last attempt"
                    + " carries the header CamelDicomLastAttempt, for the route to dead-letter it")
    private int maxAttempts = 100;
    @UriParam(label = "consumer", defaultValue = "24h",
            description = "Age (since it was acknowledged) after which a spooled object whose route keeps failing is given up")
    private Duration maxAge = Duration.ofHours(24);
    @UriParam(label = "consumer", description = "Endpoint that takes an object whose last attempt failed (e.g. a"
            + " route that dead-letters it), with the failure in header CamelDicomFailure; once it accepts the"
            + " object, the object leaves the spool. Without one, such an object stays in the spool and is retried")
    private String giveUpUri;
    @UriParam(label = "consumer", defaultValue = "30s", description = "Time to receive a complete A-ASSOCIATE-RQ")
    private Duration associationRequestTimeout = Duration.ofSeconds(30);
    @UriParam(label = "consumer", defaultValue = "5m", description = "An association silent this long is aborted")
    private Duration idleTimeout = Duration.ofMinutes(5);
    @UriParam(label = "consumer", defaultValue = "60s",
            description = "A PDU must arrive whole within this time of its first byte, however slowly its bytes come; else A-ABORT")
    private Duration pduTimeout = Duration.ofSeconds(60);
    @UriParam(label = "consumer", defaultValue = "10m",
            description = "A DIMSE message (C-STORE command and data set) must arrive whole within this time; else A-ABORT")
    private Duration objectTimeout = Duration.ofMinutes(10);
    @UriParam(label = "consumer", defaultValue = "2147483648",
            description = "Largest data set of one C-STORE in bytes; a larger one is aborted (A-ABORT) as it arrives")
    private long maxObjectSize = 2L << 30;

    // --- consumer: DICOM TLS on a second port ---
    @UriParam(label = "consumer,security", description = "TLS of a second listener on tlsPort, which speaks TLS only"
            + " (DICOM PS3.15 Annex B); none = no TLS listener. Of the protocols and cipher suites it enables, only"
            + " TLSv1.3/TLSv1.2 and the BCP 195 suites are used")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "consumer,security", defaultValue = "2762",
            description = "Port of the TLS listener (0 = ephemeral); used when sslContextParameters is set")
    private int tlsPort = 2762;

    // --- both ---
    @UriParam(defaultValue = "262144", description = "Maximum PDU length this node announces for receiving (A-ASSOCIATE user information)")
    private int maxPduLength = 256 * 1024;
    @UriParam(defaultValue = "30s", description = "ARTIM timer (PS3.8)")
    private Duration artim = Duration.ofSeconds(30);

    // --- producer (Storage SCU) ---
    @UriParam(label = "producer", defaultValue = "PACSBRIDGE", description = "Calling AE title of the SCU")
    private String callingAeTitle = "PACSBRIDGE";
    @UriParam(label = "producer", defaultValue = "store", enums = "store,echo", description = "store: C-STORE the body; echo: C-ECHO")
    private String operation = "store";
    @UriParam(label = "producer", defaultValue = "10s", description = "TCP connect timeout")
    private Duration connectTimeout = Duration.ofSeconds(10);
    @UriParam(label = "producer", defaultValue = "60s", description = "Time to wait for each DIMSE response")
    private Duration responseTimeout = Duration.ofSeconds(60);

    public String getSpoolDir() { return spoolDir; }
    public void setSpoolDir(String spoolDir) { this.spoolDir = spoolDir; }
    public long getMinFreeSpace() { return minFreeSpace; }
    public void setMinFreeSpace(long minFreeSpace) { this.minFreeSpace = minFreeSpace; }
    public SpoolSync getSpoolSync() { return spoolSync; }
    public void setSpoolSync(SpoolSync spoolSync) { this.spoolSync = spoolSync; }
    public String getAllowedCallingAeTitles() { return allowedCallingAeTitles; }
    public void setAllowedCallingAeTitles(String allowedCallingAeTitles) { this.allowedCallingAeTitles = allowedCallingAeTitles; }
    public String getAllowedRemoteAddresses() { return allowedRemoteAddresses; }
    public void setAllowedRemoteAddresses(String allowedRemoteAddresses) { this.allowedRemoteAddresses = allowedRemoteAddresses; }
    public String getTransferSyntaxes() { return transferSyntaxes; }
    public void setTransferSyntaxes(String transferSyntaxes) { this.transferSyntaxes = transferSyntaxes; }
    public String getGiveUpUri() { return giveUpUri; }
    public void setGiveUpUri(String giveUpUri) { this.giveUpUri = giveUpUri; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getMaxAge() { return maxAge; }
    public void setMaxAge(Duration maxAge) { this.maxAge = maxAge; }
    public int getMaxAssociations() { return maxAssociations; }
    public void setMaxAssociations(int maxAssociations) { this.maxAssociations = maxAssociations; }
    public DuplicatePolicy getDuplicatePolicy() { return duplicatePolicy; }
    public void setDuplicatePolicy(DuplicatePolicy duplicatePolicy) { this.duplicatePolicy = duplicatePolicy; }
    public int getConcurrentConsumers() { return concurrentConsumers; }
    public void setConcurrentConsumers(int concurrentConsumers) { this.concurrentConsumers = concurrentConsumers; }
    public Duration getRetryDelay() { return retryDelay; }
    public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }
    public Duration getAssociationRequestTimeout() { return associationRequestTimeout; }
    public void setAssociationRequestTimeout(Duration associationRequestTimeout) { this.associationRequestTimeout = associationRequestTimeout; }
    public Duration getIdleTimeout() { return idleTimeout; }
    public Duration getPduTimeout() { return pduTimeout; }
    public void setPduTimeout(Duration pduTimeout) { this.pduTimeout = pduTimeout; }
    public Duration getObjectTimeout() { return objectTimeout; }
    public void setObjectTimeout(Duration objectTimeout) { this.objectTimeout = objectTimeout; }
    public long getMaxObjectSize() { return maxObjectSize; }
    public void setMaxObjectSize(long maxObjectSize) { this.maxObjectSize = maxObjectSize; }
    public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
    public int getMaxPduLength() { return maxPduLength; }
    public void setMaxPduLength(int maxPduLength) { this.maxPduLength = maxPduLength; }
    public Duration getArtim() { return artim; }
    public void setArtim(Duration artim) { this.artim = artim; }
    public String getCallingAeTitle() { return callingAeTitle; }
    public void setCallingAeTitle(String callingAeTitle) { this.callingAeTitle = callingAeTitle; }
    public String getOperation() { return operation; }
    public void setOperation(String operation) { this.operation = operation; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getResponseTimeout() { return responseTimeout; }
    public void setResponseTimeout(Duration responseTimeout) { this.responseTimeout = responseTimeout; }

    public SSLContextParameters getSslContextParameters() { return sslContextParameters; }
    public void setSslContextParameters(SSLContextParameters sslContextParameters) { this.sslContextParameters = sslContextParameters; }
    public int getTlsPort() { return tlsPort; }
    public void setTlsPort(int tlsPort) { this.tlsPort = tlsPort; }

    Set<String> allowedCallingAeTitleSet() {
        return csv(allowedCallingAeTitles);
    }

    Set<String> allowedRemoteAddressSet() {
        return csv(allowedRemoteAddresses);
    }

    Set<String> transferSyntaxSet() {
        return csv(transferSyntaxes);
    }

    private static Set<String> csv(String value) {
        Set<String> set = new LinkedHashSet<>();
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(set::add);
        }
        return Set.copyOf(set);
    }

    public DicomConfiguration copy() {
        try {
            return (DicomConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
