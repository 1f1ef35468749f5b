package org.pacsbridge.ops.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.pacsbridge.ops.console.ConsoleCredentials;
import org.pacsbridge.ops.console.LoginThrottle;

/**
 * Checks a request's HTTP Basic credentials against the admin user and password, in constant time,
 * with the console's throttle on wrong passwords per source address.
 */
final class AdminLogin {

    sealed interface Outcome {
    }

    record Accepted() implements Outcome {
    }

    /** No admin password is configured: nobody gets in. */
    record NoPasswordSet() implements Outcome {
    }

    record Throttled(Duration retryAfter) implements Outcome {
    }

    /** Missing, malformed or wrong credentials. */
    record Refused() implements Outcome {
    }

    private final ConsoleCredentials credentials;
    private final LoginThrottle throttle;

    /** @param credentials null while no password is set */
    AdminLogin(ConsoleCredentials credentials, LoginThrottle throttle) {
        this.credentials = credentials;
        this.throttle = throttle;
    }

    boolean hasPassword() {
        return credentials != null;
    }

    Outcome check(String authorization, String address) {
        if (credentials == null) {
            return new NoPasswordSet();
        }
        String[] presented = basic(authorization);
        if (presented == null) {
            return new Refused();
        }
        Duration wait = throttle.waitFor(address);
        if (!wait.isZero()) {
            return new Throttled(wait);
        }
        if (credentials.matches(presented[0], presented[1])) {
            throttle.succeeded(address);
            return new Accepted();
        }
        throttle.failed(address);
        return new Refused();
    }

    /** User and password of a Basic {@code Authorization} header, or null. */
    static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
