package org.pacsbridge.xraydar.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.ProductionProfile;
import org.pacsbridge.xraydar.XraydarBeans;
import org.pacsbridge.xraydar.XraydarClient;
import org.pacsbridge.xraydar.XraydarStandIn;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;

/**
 * The production profile makes nothing of the simulator: no bean, no listener on its port, no thread,
 * its fault-injection paths unknown to the node's HTTP server, and the clients aimed at the configured
 * X-Raydar URLs.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(ProductionProfile.class)
class SimulatorOffInProductionTest {

    @Inject
    RunningSimulator running;

    @Inject
    XraydarBeans.SimulatorHandle standIn;

    @Inject
    @Named("cvClient")
    XraydarClient cvClient;

    @Test
    void noSimulatorIsMadeAndTheClientsCallTheConfiguredService() {
        assertTrue(running.simulator().isEmpty());
        assertTrue(standIn.simulator().isEmpty());
        assertFalse(Arc.container().select(XraydarSimulator.class).isResolvable());
        assertFalse(Arc.container().select(XraydarStandIn.class).isResolvable());
        assertEquals(ProductionProfile.CV_URL, cvClient.endpoint().url().toString());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("xraydar-simulator")), "a simulator thread runs");
    }

    @Test
    void nothingListensOnTheSimulatorPort() {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", ProductionProfile.SIMULATOR_PORT), 2000);
            }
        });
    }

    @Test
    void theFaultInjectionPathsAreUnknownToTheNode() {
        for (String path : new String[] {"/simulator/faults", "/simulator/answers/cv", "/simulator/answers/nlp",
                "/api/cv", "/api/nlp"}) {
            given().body("{\"failNext\":1000}").contentType("application/json").when().post(path)
                    .then().statusCode(404);
            given().when().get(path).then().statusCode(404);
        }
    }
}
