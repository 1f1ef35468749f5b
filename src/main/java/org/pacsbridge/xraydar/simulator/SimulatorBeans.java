package org.pacsbridge.xraydar.simulator;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.runtime.configuration.ConfigUtils;
import org.pacsbridge.xraydar.XraydarConfig;

/**
 * Makes the simulator when {@code pacs.xraydar.simulator.enabled=true} (the demo and test profiles);
 * otherwise nothing of it is made and nothing listens on its port. Under the {@code prod} profile the
 * node refuses to start with the simulator enabled: its findings are made up.
 */
@ApplicationScoped
public class SimulatorBeans {

    @Produces
    @Singleton
    @LookupIfProperty(name = "pacs.xraydar.simulator.enabled", stringValue = "true")
    XraydarSimulator simulator(XraydarConfig config) {
        refuseInProduction(ConfigUtils.getProfiles());
        return new XraydarSimulator("127.0.0.1", config.simulator().port())
                .nlpVocabulary(!"cv".equalsIgnoreCase(config.simulator().nlpVocabulary())).start();
    }

    void close(@Disposes XraydarSimulator simulator) {
        simulator.close();
    }

    /** The running simulator, for the tests and the demo's tools. */
    @Produces
    @Singleton
    RunningSimulator running(Instance<XraydarSimulator> simulator) {
        return new RunningSimulator(simulator.isResolvable() ? Optional.of(simulator.get()) : Optional.empty());
    }

    /** Throws when the active profiles include {@code prod}. */
    static void refuseInProduction(List<String> profiles) {
        if (profiles.contains("prod")) {
            throw new IllegalStateException("pacs.xraydar.simulator.enabled=true under the prod profile: the X-Raydar"
                    + " simulator makes up its findings and does not run in production; set it to false");
        }
    }

    /** The simulator, when the configuration runs one. */
    public record RunningSimulator(Optional<XraydarSimulator> simulator) {
    }
}
