package org.pacsbridge.tcia;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

/** Starts a sync through {@code direct:tcia-sync} in the background, for the on-demand trigger. */
@ApplicationScoped
public class TciaSyncTrigger {

    static final String ROUTE = "direct:tcia-sync";
    private static final Logger LOG = Logger.getLogger(TciaSyncTrigger.class);

    @Inject
    ProducerTemplate producer;

    @Inject
    TciaSyncService sync;

    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tcia-sync-trigger");
        t.setDaemon(true);
        return t;
    });

    /** Starts a run; false when one is already requested or running. */
    public boolean start(boolean full) {
        if (sync.isRunning() || !pending.compareAndSet(false, true)) {
            return false;
        }
        executor.execute(() -> {
            try {
                producer.sendBodyAndHeader(ROUTE, null, TciaSyncService.FULL_HEADER, full);
            } catch (RuntimeException e) {
                // the route handles sync failures itself; this is Camel refusing the exchange (e.g. stopping)
                LOG.warnf("TCIA sync could not be started: %s", e.getMessage());
            } finally {
                pending.set(false);
            }
        });
        return true;
    }

    /** Whether a run asked for here has not finished yet. */
    public boolean isPending() {
        return pending.get();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
