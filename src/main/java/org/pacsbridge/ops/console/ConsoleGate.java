package org.pacsbridge.ops.console;

/**
 * Who may use the console port: the configured credentials, the live console sessions, the
 * password-guessing throttle and the origin check, shared by the Jolokia endpoint and the
 * console's log-in.
 */
record ConsoleGate(boolean authenticationRequired, ConsoleCredentials credentials, ConsoleSessions sessions,
        LoginThrottle throttle, OriginCheck origins) {

    /** The user name shown while authentication is off (demo profile, loopback only). */
    static final String ANONYMOUS = "anonymous";
}
