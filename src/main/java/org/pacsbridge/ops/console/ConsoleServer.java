package org.pacsbridge.ops.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The console port (default 8778): the Jolokia endpoint at /jolokia, which the embedded Hawtio
 * console at /hawtio/ and any standalone Hawtio or Hawtio Online use, on one HTTP server bound to
 * {@code pacs.console.host}. The console and Jolokia share an origin, so the console needs
 * neither Hawtio's proxy nor cross-origin requests.
 */
@ApplicationScoped
public class ConsoleServer {

    private static final Logger LOG = Logger.getLogger(ConsoleServer.class);
    private static final int THREADS = 4;

    @Inject
    ConsoleSettings settings;

    private HttpServer http;
    private ExecutorService executor;
    private JolokiaEndpoint jolokia;

    void onStart(@Observes StartupEvent event) {
        ConsoleStartRule.Decision decision = ConsoleStartRule.decide(settings);
        if (!decision.open()) {
            if (settings.enabled()) {
                LOG.warnf("Console port (Jolokia, Hawtio) closed: %s", decision.reason());
            }
            return;
        }
        start(decision);
    }

    private void start(ConsoleStartRule.Decision decision) {
        ConsoleGate gate = new ConsoleGate(settings.authentication(),
                new ConsoleCredentials(settings.user(), ConsoleStartRule.password(settings).orElse("")),
                new ConsoleSessions(settings.sessionTimeout(), Clock.systemUTC()),
                new LoginThrottle(Clock.systemUTC()), new OriginCheck(settings.allowedOrigins().orElse(List.of())));
        try {
            http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The console port cannot listen on " + settings.host() + ":"
                    + settings.port() + " (pacs.console.host, pacs.console.port)", e);
        }
        executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        http.setExecutor(executor);
        boolean hawtio;
        try {
            jolokia = new JolokiaEndpoint(http, settings.jolokia().policyLocation(), new ConsoleAuthenticator(gate));
            jolokia.start();
            hawtio = addHawtio(gate);
            http.createContext("/", new RootHandler(hawtio));
            http.start();
        } catch (RuntimeException e) {
            http.stop(0);
            executor.shutdownNow();
            http = null;
            throw e;
        }
        LOG.infof("Console port %s %s: Jolokia at %s%s", address().map(Object::toString).orElse("?"),
                decision.reason(), JolokiaEndpoint.CONTEXT, hawtio ? ", Hawtio console at /hawtio/" : "");
    }

    private boolean addHawtio(ConsoleGate gate) {
        if (!settings.hawtio().enabled()) {
            return false;
        }
        HawtioAssets assets = new HawtioAssets(ConsoleServer.class.getClassLoader());
        if (!assets.present()) {
            LOG.warn("The Hawtio console's files are not part of this build; serving Jolokia only");
            return false;
        }
        http.createContext(HawtioConsoleHandler.CONTEXT, new HawtioConsoleHandler(new HawtioBackend(gate), assets));
        return true;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (http == null) {
            return;
        }
        jolokia.stop();
        http.stop(0);
        executor.shutdownNow();
        http = null;
    }

    /** Where the console port listens (its actual port when configured as 0), while open. */
    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(http).map(HttpServer::getAddress);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "console-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
