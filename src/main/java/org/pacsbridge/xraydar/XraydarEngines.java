package org.pacsbridge.xraydar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pacsbridge.ops.health.ReadyLineDetail;

/**
 * Names the engines the node talks to in its "ready" log line: the simulator (not model output), or
 * the X-Raydar endpoints with the licence that comes with the open-source models.
 */
@ApplicationScoped
public class XraydarEngines implements ReadyLineDetail {

    static final String LICENCE = "the open-source X-Raydar models are licensed for research use;"
            + " clinical or commercial use needs a licence from the University of Warwick";

    @Inject
    XraydarConfig config;

    @Inject
    XraydarBeans.SimulatorHandle simulator;

    @Inject
    FindingsEvents events;

    @Inject
    @Named("cvClient")
    XraydarClient cv;

    @Inject
    @Named("nlpClient")
    XraydarClient nlp;

    @Override
    public String readyDetail() {
        String engines = "X-Raydar CV " + engine("cv", cv, config.cv().enabled()) + ", NLP "
                + engine("nlp", nlp, config.nlp().enabled());
        return simulator.simulator().isPresent() ? engines + " (SIMULATED: not model output)"
                : engines + " (" + LICENCE + ")";
    }

    private String engine(String algorithm, XraydarClient client, boolean enabled) {
        if (!enabled) {
            return "off";
        }
        return events.engineName(algorithm) + " at " + client.endpoint().url();
    }
}
