package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.DefaultBeanIntrospection;
import org.apache.camel.spi.BeanIntrospection;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Options reach a dicom: endpoint and the component through the generated configurers: Camel's bean introspection
 * (reflection) is never used, which it counts.
 */
class DicomEndpointConfigurerTest {

    private static final Logger INTROSPECTION = Logger.getLogger(DefaultBeanIntrospection.class.getName());

    private CamelContext camel;
    private final List<String> reflectiveCalls = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            // cacheClass only reads class metadata; the calls that bind or read options are the others
            if (message != null && message.contains("Method: ") && !message.contains("Method: cacheClass")
                    && !message.contains("Method: clearCache")) {
                reflectiveCalls.add(message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        BeanIntrospection introspection = PluginHelper.getBeanIntrospection(camel);
        introspection.setExtendedStatistics(true);
        introspection.setLoggingLevel(LoggingLevel.INFO); // every reflective call is logged
        camel.start();
        INTROSPECTION.addHandler(recorder);
    }

    @AfterEach
    void stop() {
        INTROSPECTION.removeHandler(recorder);
        camel.stop();
    }

    @Test
    void everyEndpointOptionIsBoundWithoutReflection() throws Exception {
        SSLContextParameters tls = new SSLContextParameters();
        camel.getRegistry().bind("tls", tls);
        DicomEndpoint endpoint = camel.getEndpoint("dicom:NODE@[::1]:104?spoolDir=/tmp/s&minFreeSpace=5"
                + "&allowedCallingAeTitles=CT1,MR1&allowedRemoteAddresses=10.0.0.1&maxAssociations=3"
                + "&duplicatePolicy=IGNORE&concurrentConsumers=4&retryDelay=7s&maxAttempts=9&maxAge=2h"
                + "&giveUpUri=direct:x&associationRequestTimeout=11s&idleTimeout=12s&pduTimeout=13s&objectTimeout=14s"
                + "&maxObjectSize=15&sslContextParameters=#tls&tlsPort=16&maxPduLength=17&artim=18s"
                + "&callingAeTitle=ME&operation=echo&connectTimeout=19s&responseTimeout=20s"
                + "&bridgeErrorHandler=true&lazyStartProducer=true", DicomEndpoint.class);

        DicomConfiguration c = endpoint.getConfiguration();
        assertEquals(new DicomAddress("NODE", "::1", 104), endpoint.getAddress());
        assertEquals("/tmp/s", c.getSpoolDir());
        assertEquals(5, c.getMinFreeSpace());
        assertEquals("CT1,MR1", c.getAllowedCallingAeTitles());
        assertEquals("10.0.0.1", c.getAllowedRemoteAddresses());
        assertEquals(3, c.getMaxAssociations());
        assertEquals(DuplicatePolicy.IGNORE, c.getDuplicatePolicy());
        assertEquals(4, c.getConcurrentConsumers());
        assertEquals(Duration.ofSeconds(7), c.getRetryDelay());
        assertEquals(9, c.getMaxAttempts());
        assertEquals(Duration.ofHours(2), c.getMaxAge());
        assertEquals("direct:x", c.getGiveUpUri());
        assertEquals(Duration.ofSeconds(11), c.getAssociationRequestTimeout());
        assertEquals(Duration.ofSeconds(12), c.getIdleTimeout());
        assertEquals(Duration.ofSeconds(13), c.getPduTimeout());
        assertEquals(Duration.ofSeconds(14), c.getObjectTimeout());
        assertEquals(15, c.getMaxObjectSize());
        assertSame(tls, c.getSslContextParameters());
        assertEquals(16, c.getTlsPort());
        assertEquals(17, c.getMaxPduLength());
        assertEquals(Duration.ofSeconds(18), c.getArtim());
        assertEquals("ME", c.getCallingAeTitle());
        assertEquals("echo", c.getOperation());
        assertEquals(Duration.ofSeconds(19), c.getConnectTimeout());
        assertEquals(Duration.ofSeconds(20), c.getResponseTimeout());
        assertEquals(true, endpoint.isBridgeErrorHandler());
        assertEquals(true, endpoint.isLazyStartProducer());
        assertEquals(List.of(), reflectiveCalls, "options bound by reflection");
        assertEquals("16", endpoint.getOptions().get("tlsPort"));
        assertEquals("SSLContextParameters", endpoint.getOptions().get("sslContextParameters"));
    }

    @Test
    void componentOptionsAndEndpointDefaultsAreBoundWithoutReflection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        camel.getRegistry().bind("meters", registry);
        DicomComponent component = camel.getComponent("dicom", DicomComponent.class);
        org.apache.camel.support.PropertyBindingSupport.build().withReflection(false)
                .withConfigurer(component.getComponentPropertyConfigurer())
                .withCamelContext(camel).withTarget(component)
                .withProperties(new java.util.HashMap<>(java.util.Map.of("meterRegistry", "#meters",
                        "spoolBaseDirectory", "/srv/node", "maxAssociations", "7", "callingAeTitle", "ME")))
                .bind();
        assertSame(registry, component.getMeterRegistry());
        assertEquals(Path.of("/srv/node/data/spool"), component.spoolDirectory("data/spool"));
        assertEquals(Path.of("/abs"), component.spoolDirectory("/abs"));

        DicomEndpoint endpoint = camel.getEndpoint("dicom:NODE@host:104?maxAttempts=2", DicomEndpoint.class);
        assertEquals(7, endpoint.getConfiguration().getMaxAssociations(), "the component's default");
        assertEquals("ME", endpoint.getConfiguration().getCallingAeTitle());
        assertEquals(2, endpoint.getConfiguration().getMaxAttempts());
        assertEquals(100, component.getConfiguration().getMaxAttempts(), "endpoints do not write back");
        assertEquals(List.of(), reflectiveCalls, "options bound by reflection");
    }

    @Test
    void theScpsMetersGoToTheGivenRegistryAndNowhereElse(@TempDir Path tmp) throws Exception {
        SimpleMeterRegistry given = new SimpleMeterRegistry();
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        try {
            camel.getComponent("dicom", DicomComponent.class).setMeterRegistry(given);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dicom:METERED@127.0.0.1:0?spoolDir=" + tmp.resolve("a")).routeId("metered").log("${body}");
                }
            });
            assertNotNull(given.find("pacs.dicom.associations.active").tag("ae_title", "METERED").gauge());
            assertNull(global.find("pacs.dicom.associations.active").gauge(), "meters in the global registry");
        } finally {
            Metrics.removeRegistry(global);
        }
    }

    @Test
    void withoutAMeterRegistryTheScpKeepsNoMeters(@TempDir Path tmp) throws Exception {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dicom:UNMETERED@127.0.0.1:0?spoolDir=" + tmp.resolve("b")).routeId("unmetered").log("${body}");
                }
            });
            assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("unmetered"));
            assertNull(global.find("pacs.dicom.associations.active").gauge(), "meters in the global registry");
        } finally {
            Metrics.removeRegistry(global);
        }
    }
}
