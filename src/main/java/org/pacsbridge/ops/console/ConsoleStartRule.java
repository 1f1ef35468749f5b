package org.pacsbridge.ops.console;

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
        return decide(settings.enabled(), settings.authentication(), settings.loopbackOnly(),
                settings.password().isPresent(), settings.host());
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
