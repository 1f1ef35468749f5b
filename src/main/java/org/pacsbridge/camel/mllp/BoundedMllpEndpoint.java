package org.pacsbridge.camel.mllp;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;

/** An {@code mllp:} endpoint whose listener applies {@link MllpLimits}. */
public class BoundedMllpEndpoint extends MllpEndpoint {

    private final MllpLimits limits;

    BoundedMllpEndpoint(String uri, BoundedMllpComponent component, MllpConfiguration configuration, MllpLimits limits) {
        super(uri, component, configuration);
        this.limits = limits;
    }

    public MllpLimits limits() {
        return limits;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = new BoundedMllpConsumer(this, processor, limits);
        configureConsumer(consumer);
        return consumer;
    }
}
