package org.pacsbridge.camel.dicom;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.CatalogCamelContext;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Receive DICOM objects as a Storage SCP (a durable spool before the route) and send them as a Storage SCU.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dicom", title = "DICOM", syntax = "dicom:aeTitle@host:port",
        category = { Category.NETWORKING, Category.HEALTH }, headersClass = DicomConstants.class)
@ManagedResource(description = "DICOM endpoint")
public class DicomEndpoint extends DefaultEndpoint {

    @UriPath(description = "Consumer: the AE title the SCP answers to; producer: the AE title it calls."
            + " 1 to 16 printable ASCII characters without a backslash")
    @Metadata(required = true)
    private String aeTitle;
    @UriPath(description = "Consumer: the host or address to listen on (0.0.0.0 = all); producer: the host to call."
            + " An IPv6 address is written in brackets")
    @Metadata(required = true)
    private String host;
    @UriPath(description = "Consumer: the port to listen on (0 = ephemeral); producer: the port to call")
    @Metadata(required = true)
    private int port;

    @UriParam
    private final DicomConfiguration configuration;

    DicomEndpoint(String uri, DicomComponent component, DicomAddress address, DicomConfiguration configuration) {
        super(uri, component);
        this.aeTitle = address.aeTitle();
        this.host = address.host();
        this.port = address.port();
        this.configuration = configuration;
    }

    @Override
    public DicomComponent getComponent() {
        return (DicomComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new DicomProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DicomConsumer consumer = new DicomConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The path parts, checked. */
    public DicomAddress getAddress() {
        return new DicomAddress(aeTitle, host, port);
    }

    @ManagedAttribute(description = "AE title (path)")
    public String getAeTitle() {
        return aeTitle;
    }

    @ManagedAttribute(description = "Host (path)")
    public String getHost() {
        return host;
    }

    @ManagedAttribute(description = "Port (path)")
    public int getPort() {
        return port;
    }

    public DicomConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * Every option of the catalog entry with its value as this endpoint runs with it (the component's defaults
     * included, which the URI does not show), read through the generated configurer; objects such as
     * sslContextParameters show only their type.
     */
    @ManagedAttribute(description = "The endpoint's options and their values")
    public Map<String, String> getOptions() throws IOException {
        PropertyConfigurerGetter configurer = (PropertyConfigurerGetter) getComponent().getEndpointPropertyConfigurer();
        Map<String, String> options = new TreeMap<>();
        if (configurer == null) {
            return options;
        }
        catalogOptions().keySet().forEach(name -> options.put(name, shown(configurer.getOptionValue(this, name, false))));
        return options;
    }

    /** What the catalog entry says each option does, for the console next to {@link #getOptions()}. */
    @ManagedAttribute(description = "The endpoint's options and what they do (from the component's catalog entry)")
    public Map<String, String> getOptionDescriptions() throws IOException {
        Map<String, String> descriptions = new TreeMap<>();
        catalogOptions().forEach((name, property) -> descriptions.put(name, property.getString("description")));
        return descriptions;
    }

    // The options (kind "parameter") of the component's catalog entry, none when it is missing.
    private Map<String, JsonObject> catalogOptions() throws IOException {
        String catalog = getCamelContext() instanceof CatalogCamelContext withCatalog
                ? withCatalog.getComponentParameterJsonSchema("dicom") : null;
        Map<String, JsonObject> options = new TreeMap<>();
        if (catalog == null) {
            return options;
        }
        JsonObject properties = (JsonObject) Jsoner.deserialize(catalog, new JsonObject()).get("properties");
        properties.forEach((name, property) -> {
            if ("parameter".equals(((JsonObject) property).getString("kind"))) {
                options.put(name, (JsonObject) property);
            }
        });
        return options;
    }

    private static String shown(Object value) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Duration) {
            return String.valueOf(value);
        }
        return value.getClass().getSimpleName();
    }
}
