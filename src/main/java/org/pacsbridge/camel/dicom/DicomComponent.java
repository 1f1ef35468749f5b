package org.pacsbridge.camel.dicom;

import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code dicom:} component: {@code from("dicom:AET@host:port")} is a Storage SCP listening on
 * host:port as AE title AET; {@code to("dicom:AET@host:port")} is a Storage SCU calling AET at
 * host:port.
 */
@Component("dicom")
public class DicomComponent extends DefaultComponent {

    @Metadata(description = "Defaults for every dicom: endpoint of this component")
    private DicomConfiguration configuration = new DicomConfiguration();
    @Metadata(label = "consumer,advanced", autowired = true,
            description = "Registry of the Storage SCP's meters (pacs.dicom.*); none = the SCP keeps no meters")
    private MeterRegistry meterRegistry;
    @Metadata(label = "consumer,advanced", description = "Directory a relative spoolDir is resolved against;"
            + " none = the working directory")
    private String spoolBaseDirectory;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DicomEndpoint endpoint = new DicomEndpoint(uri, this, DicomAddress.parse(remaining), configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** Where the spool of {@code spoolDir} is: absolute as given, relative against spoolBaseDirectory. */
    Path spoolDirectory(String spoolDir) {
        Path path = Path.of(spoolDir);
        if (path.isAbsolute()) {
            return path;
        }
        String base = spoolBaseDirectory == null || spoolBaseDirectory.isBlank() ? "" : spoolBaseDirectory;
        return Path.of(base).toAbsolutePath().resolve(path).normalize();
    }

    public DicomConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DicomConfiguration configuration) {
        this.configuration = configuration;
    }

    public MeterRegistry getMeterRegistry() {
        return meterRegistry;
    }

    public void setMeterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    public String getSpoolBaseDirectory() {
        return spoolBaseDirectory;
    }

    public void setSpoolBaseDirectory(String spoolBaseDirectory) {
        this.spoolBaseDirectory = spoolBaseDirectory;
    }
}
