package org.pacsbridge.xraydar.simulator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SimulatorBeansTest {

    @Test
    void theSimulatorIsRefusedUnderTheProductionProfile() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SimulatorBeans.refuseInProduction(List.of("prod")));
        assertTrue(e.getMessage().contains("pacs.xraydar.simulator.enabled"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SimulatorBeans.refuseInProduction(List.of("site", "prod")));
    }

    @Test
    void theDemoAndTestProfilesMayRunIt() {
        assertDoesNotThrow(() -> SimulatorBeans.refuseInProduction(List.of("demo")));
        assertDoesNotThrow(() -> SimulatorBeans.refuseInProduction(List.of("test")));
    }
}
