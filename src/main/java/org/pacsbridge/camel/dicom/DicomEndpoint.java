package org.pacsbridge.camel.dicom;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** A {@code dicom:AET@host:port} endpoint. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dicom", title = "DICOM", syntax = "dicom:address",
        category = { Category.NETWORKING, Category.HEALTH })
public class DicomEndpoint extends DefaultEndpoint {

    @UriPath(description = "AET@host:port: the SCP's own AE title and listen address, or the called AE and its address")
    private final DicomAddress address;

    @UriParam
    private final DicomConfiguration configuration;

    DicomEndpoint(String uri, DicomComponent component, DicomAddress address, DicomConfiguration configuration) {
        super(uri, component);
        this.address = address;
        this.configuration = configuration;
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

    public DicomAddress getAddress() {
        return address;
    }

    public DicomConfiguration getConfiguration() {
        return configuration;
    }
}
