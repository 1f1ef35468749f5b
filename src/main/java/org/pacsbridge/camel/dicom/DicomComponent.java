package org.pacsbridge.camel.dicom;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code dicom:} component: {@code from("dicom:AET@host:port")} is a Storage SCP listening on
 * host:port as AE title AET; {@code to("dicom:AET@host:port")} is a Storage SCU calling AET at
 * host:port.
 */
@Component("dicom")
public class DicomComponent extends DefaultComponent {

    @Metadata(description = "Defaults for every dicom: endpoint of this component")
    private DicomConfiguration configuration = new DicomConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DicomAddress address = DicomAddress.parse(remaining);
        DicomConfiguration endpointConfiguration = configuration.copy();
        setProperties(endpointConfiguration, parameters);
        DicomEndpoint endpoint = new DicomEndpoint(uri, this, address, endpointConfiguration);
        // what is left are the generic endpoint options (bridgeErrorHandler, exchangePattern, ...)
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public DicomConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DicomConfiguration configuration) {
        this.configuration = configuration;
    }
}
