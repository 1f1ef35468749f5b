package org.pacsbridge.camel.mllp;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.util.TimeUtils;

/**
 * camel-mllp with bounds on what one connection may send, registered as the {@code mllp}
 * component. Besides camel-mllp's own options its endpoints take:
 * <ul>
 * <li>{@code maxMessageSize}: bytes of one message (default 10 MiB); a larger message is cut
 * there and reaches the route marked {@link BoundedMllpConsumer#MESSAGE_TOO_LARGE};</li>
 * <li>{@code frameTimeout}: longest time from a message's first byte to the end of its frame
 * (default 30s), however slowly its bytes arrive;</li>
 * <li>{@code allowedRemoteAddresses}: comma-separated peer addresses allowed to connect (empty:
 * any).</li>
 * </ul>
 * camel-mllp's PHI logging is off (its warnings would otherwise quote up to 5 KiB of a message).
 */
public class BoundedMllpComponent extends MllpComponent {

    static final int DEFAULT_MAX_MESSAGE_SIZE = 10 * 1024 * 1024;
    static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(30);
    // camel-mllp's buffer may grow by its minimum size beyond what the guard hands it
    private static final int BUFFER_HEADROOM = 64 * 1024;

    public BoundedMllpComponent() {
        setLogPhi(false);
        // camel-mllp's warnings quote received bytes whatever logPhi says, up to this many
        // (0 would mean all): one byte shows the frame's start and nothing of a patient
        setLogPhiMaxBytes(1);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Integer maxMessageSize = getAndRemoveParameter(parameters, "maxMessageSize", Integer.class, DEFAULT_MAX_MESSAGE_SIZE);
        String frameTimeout = getAndRemoveParameter(parameters, "frameTimeout", String.class, null);
        String allowed = getAndRemoveParameter(parameters, "allowedRemoteAddresses", String.class, "");
        MllpLimits limits = new MllpLimits(maxMessageSize,
                frameTimeout == null || frameTimeout.isBlank() ? DEFAULT_FRAME_TIMEOUT
                        : Duration.ofMillis(TimeUtils.toMilliSeconds(frameTimeout)),
                RemoteAddressAllowList.parse(allowed));

        MllpConfiguration configuration = hasConfiguration() ? getConfiguration().copy() : new MllpConfiguration();
        BoundedMllpEndpoint endpoint = new BoundedMllpEndpoint(uri, this, configuration, limits);
        if (configuration.getSslContextParameters() == null) {
            configuration.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        endpoint.setCharsetName(getDefaultCharset());
        int colon = remaining.lastIndexOf(':');
        if (colon >= 0) {
            endpoint.setHostname(remaining.substring(0, colon));
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining.substring(colon + 1)));
        } else {
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining));
        }
        setProperties(endpoint, parameters);
        // a second fence behind the guard: camel-mllp's own buffer never grows far past the limit
        configuration.setMaxBufferSize(maxMessageSize + BUFFER_HEADROOM);
        return endpoint;
    }
}
