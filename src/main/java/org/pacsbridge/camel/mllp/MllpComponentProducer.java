package org.pacsbridge.camel.mllp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Makes {@link BoundedMllpComponent} the {@code mllp} component of the Camel context. */
@ApplicationScoped
public class MllpComponentProducer {

    @Produces
    @Singleton
    @Named("mllp")
    BoundedMllpComponent mllp() {
        return new BoundedMllpComponent();
    }
}
