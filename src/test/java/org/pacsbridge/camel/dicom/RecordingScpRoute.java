package org.pacsbridge.camel.dicom;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.pacsbridge.testing.DicomFiles;

/**
 * A {@code dicom:} Storage SCP route ("scp", AE title NODE on a free loopback port) that keeps, per SOP Instance
 * UID, the data set of each object it was handed and a copy of its exchange: what the interoperability tests
 * compare with what a peer sent.
 */
final class RecordingScpRoute {

    private final Map<String, byte[]> dataSets = new ConcurrentHashMap<>();
    private final Map<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private CamelContext camel;

    /** Adds the route to {@code camel}, spooling into {@code spoolDir}; {@code options} are appended to its URI. */
    void addTo(CamelContext camel, Path spoolDir, String options) throws Exception {
        this.camel = camel;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("dicom:NODE@127.0.0.1:0?spoolDir=" + spoolDir + options).routeId("scp").process(exchange -> {
                    String uid = exchange.getMessage().getHeader(DicomConstants.SOP_INSTANCE_UID, String.class);
                    dataSets.put(uid, DicomFiles.dataSet(exchange.getMessage().getBody(File.class).toPath()));
                    exchanges.put(uid, exchange.copy());
                });
            }
        });
    }

    /** The data sets received, by SOP Instance UID. */
    Map<String, byte[]> dataSets() {
        return dataSets;
    }

    /** Copies of the exchanges, by SOP Instance UID. */
    Map<String, Exchange> exchanges() {
        return exchanges;
    }

    /** The port the started route listens on. */
    int port() {
        return ((DicomConsumer) camel.getRoute("scp").getConsumer()).getLocalPort();
    }
}
