package org.pacsbridge.ops.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console log-ins: a random token per session, held in a cookie, valid while used at least once
 * per idle timeout. Kept in memory only; a restart logs everyone out.
 */
final class ConsoleSessions {

    static final String COOKIE = "PACS_CONSOLE_SESSION";
    private static final int MAX_SESSIONS = 256;

    private record Session(String user, Instant lastUse) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idleTimeout;
    private final Clock clock;

    ConsoleSessions(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** A new session for a user who has just proven who they are; returns its token. */
    String open(String user) {
        dropExpired();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream().min((a, b) -> a.getValue().lastUse().compareTo(b.getValue().lastUse()))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(user, clock.instant()));
        return token;
    }

    /** The user of a live session, which counts as a use of it. */
    Optional<String> user(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session session = sessions.get(token);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(token, session);
            return Optional.empty();
        }
        sessions.replace(token, session, new Session(session.user(), now));
        return Optional.of(session.user());
    }

    void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    private void dropExpired() {
        Instant now = clock.instant();
        sessions.entrySet().removeIf(entry -> expired(entry.getValue(), now));
    }

    private boolean expired(Session session, Instant now) {
        return session.lastUse().plus(idleTimeout).isBefore(now);
    }
}
