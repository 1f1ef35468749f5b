package org.pacsbridge.ops.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Whether the console port opens with the given settings. Secure by default: without
 * authentication it may only listen on a loopback address; with authentication it needs a
 * password, and without one it stays closed (the rest of the node runs on).
 */
final class ConsoleStartRule {

    enum Outcome {
        OPEN, CLOSED
    }

    record Decision(Outcome outcome, String reason) {
        boolean open() {
            return outcome == Outcome.OPEN;
        }
    }

    private ConsoleStartRule() {
    }

    /**
     * @throws IllegalStateException when the settings would expose an unauthenticated console
     *         beyond this host: the node must not start like that.
     */
    static Decision decide(ConsoleSettings settings) {
        return decide(settings.enabled(), settings.authentication(), loopbackOnly(settings.host()),
                password(settings).isPresent(), settings.host());
    }

    /** The console password, if one is set (a blank value is none). */
    static Optional<String> password(ConsoleSettings settings) {
        return settings.password().filter(p -> !p.isBlank());
    }

    /** Whether {@code host} is a loopback address (only such a bind may go without authentication). */
    static boolean loopbackOnly(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static Decision decide(boolean enabled, boolean authentication, boolean loopback, boolean passwordSet,
            String host) {
        if (!enabled) {
            return new Decision(Outcome.CLOSED, "pacs.console.enabled=false");
        }
        if (!authentication) {
            if (!loopback) {
                throw new IllegalStateException("pacs.console.authentication=false is only allowed while "
                        + "pacs.console.host is a loopback address, not " + host
                        + ": set pacs.console.authentication=true and a password (PACS_CONSOLE_PASSWORD)");
            }
            return new Decision(Outcome.OPEN, "without authentication on " + host);
        }
        if (!passwordSet) {
            return new Decision(Outcome.CLOSED,
                    "no password is set: set PACS_CONSOLE_PASSWORD (pacs.console.password) to open it");
        }
        return new Decision(Outcome.OPEN, "with authentication on " + host);
    }
}
