package org.pacsbridge.testing;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.pacsbridge.xraydar.simulator.SimulatorBeans.RunningSimulator;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

/** The test application's X-Raydar simulator, as each test of a shared application start needs it. */
public final class Simulators {

    private Simulators() {
    }

    /**
     * The simulator with no fault planned and no request left in flight: a request an earlier test's fault
     * still holds must not be counted as the next test's.
     */
    public static XraydarSimulator quiet(RunningSimulator handle) {
        XraydarSimulator simulator = handle.simulator().orElseThrow();
        simulator.clearFaults();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> simulator.inFlight() == 0);
        return simulator;
    }

    /** After a test: no fault planned for the next one. */
    public static void clearFaults(RunningSimulator handle) {
        handle.simulator().ifPresent(XraydarSimulator::clearFaults);
    }
}
